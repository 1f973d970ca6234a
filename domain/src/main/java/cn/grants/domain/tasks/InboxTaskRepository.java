package cn.grants.domain.tasks;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface InboxTaskRepository extends JpaRepository<InboxTask, UUID> {

    /**
     * Holds a user-task job in the inbox, once per job key: when the engine hands the same job out again (its
     * timeout passed, or a second worker instance fetched it) the existing task is kept and only counted.
     */
    @Modifying
    @Query(value = """
            insert into user_task (id, engine_epoch, job_key, case_id, process_instance_key, element_id, name,
                                   candidate_group, assignee, outcomes, status, created_at, round_id, details)
            values (?1, ?11, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'OPEN', ?10, ?12, cast(?13 as jsonb))
            on conflict (engine_epoch, job_key) do update set activations = user_task.activations + 1
            """, nativeQuery = true)
    int hold(UUID id, long jobKey, UUID caseId, long processInstanceKey, String elementId, String name,
            String candidateGroup, String assignee, String outcomes, Instant createdAt, String engineEpoch,
            UUID roundId, String detailsJson);

    List<InboxTask> findByRoundIdAndStatus(UUID roundId, InboxTask.Status status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from InboxTask t where t.id = ?1")
    Optional<InboxTask> lockById(UUID id);

    @Query("""
            select t from InboxTask t where t.status = cn.grants.domain.tasks.InboxTask.Status.OPEN
              and (t.candidateGroup in ?1 or t.assignee = ?2) order by t.createdAt asc
            """)
    List<InboxTask> openFor(Collection<String> groups, String user);

    List<InboxTask> findByCaseIdOrderByCreatedAtAsc(UUID caseId);

    List<InboxTask> findByStatus(InboxTask.Status status);

    List<InboxTask> findByCaseIdAndStatus(UUID caseId, InboxTask.Status status);
}
