package cn.grants.domain.rounds;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface FundingPlanLineRepository extends JpaRepository<FundingPlanLine, Long> {

    List<FundingPlanLine> findByRoundIdOrderByLineNo(UUID roundId);

    Optional<FundingPlanLine> findByCaseId(UUID caseId);

    long countByRoundId(UUID roundId);
}
