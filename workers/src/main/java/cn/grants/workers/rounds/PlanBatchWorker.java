package cn.grants.workers.rounds;

import cn.grants.domain.rounds.BatchDecisionService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code plan-batch}: plans the batch per measure against its budget for the year, the pro-rata cut (按比例核减)
 * where oversubscribed, and keeps the plan on the round for the officer who confirms it. Commits nothing.
 */
@Component
public class PlanBatchWorker {

    private final BatchDecisionService rounds;

    public PlanBatchWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "plan-batch", fetchVariables = "roundId")
    public Map<String, Object> planBatch(@Variable String roundId) {
        return Map.of("oversubscribed", rounds.plan(UUID.fromString(roundId)));
    }
}
