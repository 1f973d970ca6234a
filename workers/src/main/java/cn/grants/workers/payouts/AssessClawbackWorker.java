package cn.grants.workers.payouts;

import cn.grants.domain.payouts.DisbursementService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code assess-clawback}: a milestone or matching condition failed. The tranches not paid are cancelled and what
 * was paid is demanded back (追回); answers the amount (0.00 when nothing was paid).
 */
@Component
public class AssessClawbackWorker {

    public record Failure(String caseId, String rejectionReason) {
    }

    private final DisbursementService disbursement;

    public AssessClawbackWorker(DisbursementService disbursement) {
        this.disbursement = disbursement;
    }

    @JobWorker(type = "assess-clawback", fetchVariables = {"caseId", "rejectionReason"})
    public Map<String, Object> assessClawback(@VariablesAsType Failure failure) {
        return Map.of("clawbackAmount", disbursement.assessClawback(UUID.fromString(failure.caseId()),
                failure.rejectionReason()).toPlainString());
    }
}
