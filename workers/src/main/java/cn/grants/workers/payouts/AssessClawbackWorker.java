package cn.grants.workers.payouts;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.authority.RecordedDecisions;
import cn.grants.domain.payouts.DisbursementService;
import cn.grants.workers.Refusals;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code assess-clawback}: a milestone or matching condition failed. The tranches not paid are cancelled and what
 * was paid is demanded back (追回); answers the amount (0.00 when nothing was paid). Only for a case whose
 * milestone or matching check an officer recorded as failed; any other job is refused, audited and failed.
 */
@Component
public class AssessClawbackWorker {

    public record Failure(String caseId, String rejectionReason) {
    }

    private final DisbursementService disbursement;
    private final RecordedDecisions decisions;
    private final Refusals refusals;

    public AssessClawbackWorker(DisbursementService disbursement, RecordedDecisions decisions, Refusals refusals) {
        this.disbursement = disbursement;
        this.decisions = decisions;
        this.refusals = refusals;
    }

    @JobWorker(type = "assess-clawback", fetchVariables = {"caseId", "rejectionReason"})
    public Map<String, Object> assessClawback(ActivatedJob job, @VariablesAsType Failure failure) {
        UUID caseId = refusals.caseId(job, failure.caseId());
        try {
            decisions.requireFailedCondition(caseId);
        } catch (RecordedDecisions.DecisionMissingException e) {
            throw refusals.refuse(job, caseId, e.getMessage());
        }
        return Map.of("clawbackAmount", AuditTrail.inJob(job.getKey(), job.getType(),
                () -> disbursement.assessClawback(caseId, failure.rejectionReason())).toPlainString());
    }
}
