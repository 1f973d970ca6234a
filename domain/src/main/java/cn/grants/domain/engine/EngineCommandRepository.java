package cn.grants.domain.engine;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface EngineCommandRepository extends JpaRepository<EngineCommand, UUID> {

    /** Pending commands that are due, oldest first, locked; rows another instance holds are skipped. */
    @Query(value = """
            select * from engine_command where status = 'PENDING' and next_attempt_at <= ?1
            order by created_at limit ?2 for update skip locked
            """, nativeQuery = true)
    List<EngineCommand> claimDue(Instant now, int limit);

    /** The command, locked, unless another instance is sending it right now. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
    @Query("select c from EngineCommand c where c.id = ?1")
    Optional<EngineCommand> claim(UUID id);

    /**
     * Records that the engine took the attempt begun at {@code since} ({@link EngineCommand#applied}) in one statement,
     * without reading the row first; 0 when that attempt is no longer the one in flight (its lease ran out and another
     * sender began one), for the sender then to read the row and record the answer on it.
     */
    @Modifying
    @Query("""
            update EngineCommand c set c.status = cn.grants.domain.engine.EngineCommand.Status.APPLIED,
            c.appliedAt = ?2, c.inFlightSince = null
            where c.id = ?1 and c.status = cn.grants.domain.engine.EngineCommand.Status.PENDING and c.inFlightSince = ?3
            """)
    int appliedAttempt(UUID id, Instant now, Instant since);

    List<EngineCommand> findByStatusInOrderByCreatedAtAsc(List<EngineCommand.Status> statuses);

    List<EngineCommand> findByCaseIdOrderByCreatedAtAsc(UUID caseId);
}
