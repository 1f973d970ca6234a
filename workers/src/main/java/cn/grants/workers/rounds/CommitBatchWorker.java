package cn.grants.workers.rounds;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.rounds.BatchDecisionService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code commit-batch}: the batch decision. Commits each case's planned amount against the budget (idempotent per
 * case) and answers the cases listed for publicity.
 */
@Component
public class CommitBatchWorker {

    private final BatchDecisionService rounds;

    public CommitBatchWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "commit-batch", fetchVariables = "roundId")
    public Map<String, Object> commitBatch(ActivatedJob job, @Variable String roundId) {
        return Map.of("listedCases", AuditTrail.inJob(job.getKey(), job.getType(),
                () -> rounds.commit(UUID.fromString(roundId))).stream().map(UUID::toString).toList());
    }
}
