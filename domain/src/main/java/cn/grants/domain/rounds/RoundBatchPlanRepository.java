package cn.grants.domain.rounds;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RoundBatchPlanRepository extends JpaRepository<RoundBatchPlan, UUID> {
}
