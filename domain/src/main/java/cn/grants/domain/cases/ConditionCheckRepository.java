package cn.grants.domain.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ConditionCheckRepository extends JpaRepository<ConditionCheck, UUID> {

    List<ConditionCheck> findByCaseId(UUID caseId);

    List<ConditionCheck> findByCaseIdIn(java.util.Collection<UUID> caseIds);
}
