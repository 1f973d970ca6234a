package cn.grants.workers;

import cn.grants.domain.audit.AuditTrail;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How a money worker refuses a job that the recorded decisions do not back: the refusal goes to the audit log (in a
 * transaction of its own) and the job fails at once with the reason, without retries (retrying cannot make it
 * right), so that the engine shows it as an incident to the people who run it.
 */
@Component
public class Refusals {

    private final AuditTrail audit;

    public Refusals(AuditTrail audit) {
        this.audit = audit;
    }

    public RuntimeException refuse(ActivatedJob job, UUID caseId, String reason) {
        String type = job.getType() == null ? "job" : job.getType();
        String detail = type + " refused: " + reason + " (job " + job.getKey() + ", process instance "
                + job.getProcessInstanceKey() + ", element " + job.getElementId() + ")";
        audit.refused(type, caseId, detail);
        return CamundaError.jobError(detail, null, 0);
    }

    /** The case id a job names, or a refusal when it names none. */
    public UUID caseId(ActivatedJob job, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (RuntimeException e) {
            throw refuse(job, null, "caseId " + raw + " is not a case id");
        }
    }
}
