package cn.grants.workers.notifications;

import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.Stage;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code notify-applicant}: runs at every stage change of the lifecycle (the model's notify events). Records the
 * timeline (left/entered), moves the case to the stage and puts the applicant's notification into the outbox — all
 * idempotent on case id + element id + element instance, so a retried job notifies once.
 */
@Component
public class NotifyApplicantWorker {

    /** The event's inputs: which case, which stage, who caused it and why. */
    public record StageChange(String caseId, String stage, String actor, String reason) {
    }

    /** The case review process: its instance is the case's own (the round and disbursement are shared or later). */
    static final String CASE_PROCESS = "grant-lifecycle";

    private final CaseProgress progress;

    public NotifyApplicantWorker(CaseProgress progress) {
        this.progress = progress;
    }

    @JobWorker(type = "notify-applicant", fetchVariables = {"caseId", "stage", "actor", "reason"})
    public void notifyApplicant(ActivatedJob job, @VariablesAsType StageChange change) {
        Stage stage = Stage.valueOf(change.stage());
        String key = change.caseId() + ":" + job.getElementId() + ":" + job.getElementInstanceKey();
        boolean caseReview = CASE_PROCESS.equals(job.getBpmnProcessId());
        progress.enter(UUID.fromString(change.caseId()), stage, change.actor(), change.reason(), key,
                caseReview ? job.getProcessInstanceKey() : null, caseReview ? job.getProcessDefinitionKey() : null,
                job.getElementId(), job.getProcessDefinitionKey());
    }
}
