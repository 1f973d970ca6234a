package cn.grants.workers.rounds;

import cn.grants.domain.rounds.BatchDecisionService;
import cn.grants.domain.rounds.FundingPlanLine;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code issue-funding-plan}: lists a case that passed its publicity in the round's funding plan (资助计划). */
@Component
public class IssueFundingPlanWorker {

    public record Listed(String roundId, String caseId) {
    }

    private final BatchDecisionService rounds;

    public IssueFundingPlanWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "issue-funding-plan", fetchVariables = {"roundId", "caseId"})
    public Map<String, Object> issueFundingPlan(@VariablesAsType Listed listed) {
        FundingPlanLine line = rounds.list(UUID.fromString(listed.roundId()), UUID.fromString(listed.caseId()));
        return Map.of("planLine", line.getLineNo());
    }
}
