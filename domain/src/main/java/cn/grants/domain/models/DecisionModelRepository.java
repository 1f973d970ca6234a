package cn.grants.domain.models;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DecisionModelRepository extends JpaRepository<DecisionModel, Long> {

    Optional<DecisionModel> findByEngineEpochAndDecisionKey(String engineEpoch, long decisionKey);

    List<DecisionModel> findAllByEngineEpochOrderByDecisionIdAscVersionDesc(String engineEpoch);
}
