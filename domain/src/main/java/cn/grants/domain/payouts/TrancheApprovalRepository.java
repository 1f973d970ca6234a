package cn.grants.domain.payouts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TrancheApprovalRepository extends JpaRepository<TrancheApproval, Long> {

    Optional<TrancheApproval> findByCaseIdAndTrancheNumberAndLevel(UUID caseId, int trancheNumber,
            TrancheApproval.Level level);
}
