package cn.grants.domain.rounds;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface FundingRoundRepository extends JpaRepository<FundingRound, UUID> {

    List<FundingRound> findAllByOrderByCreatedAtDesc();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from FundingRound r where r.id = ?1")
    Optional<FundingRound> lockById(UUID id);
}
