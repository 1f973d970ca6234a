package cn.grants.domain.payouts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ClawbackRepository extends JpaRepository<Clawback, Long> {

    Optional<Clawback> findByCaseId(UUID caseId);
}
