package cn.grants.workers.rounds;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.authority.RecordedDecisions;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.workers.Refusals;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code withdraw-award}: an objection was upheld; the case's commitment goes back to the budget (the rejection
 * itself is announced by the next notify event, which ends the case). Only for a case with an objection an officer
 * upheld (recorded in PostgreSQL); any other job is refused, audited and failed.
 */
@Component
public class WithdrawAwardWorker {

    private final BudgetService budgets;
    private final RecordedDecisions decisions;
    private final Refusals refusals;

    public WithdrawAwardWorker(BudgetService budgets, RecordedDecisions decisions, Refusals refusals) {
        this.budgets = budgets;
        this.decisions = decisions;
        this.refusals = refusals;
    }

    @JobWorker(type = "withdraw-award", fetchVariables = "caseId")
    public void withdrawAward(ActivatedJob job, @Variable String caseId) {
        UUID id = refusals.caseId(job, caseId);
        try {
            decisions.requireUpheldObjection(id);
        } catch (RecordedDecisions.DecisionMissingException e) {
            throw refusals.refuse(job, id, e.getMessage());
        }
        AuditTrail.inJob(job.getKey(), job.getType(), () -> budgets.release(id));
    }
}
