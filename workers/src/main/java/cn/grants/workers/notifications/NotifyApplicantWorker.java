package cn.grants.workers.notifications;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.authority.RecordedDecisions;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.IllegalTransitionException;
import cn.grants.domain.cases.Stage;
import cn.grants.workers.Refusals;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code notify-applicant}: runs at every stage change of the lifecycle (the model's notify events). Records the
 * timeline (left/entered), moves the case to the stage and puts the applicant's notification into the outbox — all
 * idempotent on case id + element id + element instance, so a retried job notifies once. A stage that ends the case
 * or declares it paid or clawed back is taken only when PostgreSQL holds what backs it
 * ({@link RecordedDecisions#requireStageBacked}); otherwise the job is refused, audited and failed. So is a stage the
 * case's state machine does not allow from where it is ({@link cn.grants.domain.cases.Stage#moves()}).
 */
@Component
public class NotifyApplicantWorker {

    /** The event's inputs: which case, which stage, who caused it and why. */
    public record StageChange(String caseId, String stage, String actor, String reason) {
    }

    /** The case review process: its instance is the case's own (the round and disbursement are shared or later). */
    static final String CASE_PROCESS = "grant-lifecycle";

    private final CaseProgress progress;
    private final RecordedDecisions decisions;
    private final Refusals refusals;

    public NotifyApplicantWorker(CaseProgress progress, RecordedDecisions decisions, Refusals refusals) {
        this.progress = progress;
        this.decisions = decisions;
        this.refusals = refusals;
    }

    @JobWorker(type = "notify-applicant", fetchVariables = {"caseId", "stage", "actor", "reason"})
    public void notifyApplicant(ActivatedJob job, @VariablesAsType StageChange change) {
        UUID caseId = refusals.caseId(job, change.caseId());
        Stage stage;
        try {
            stage = Stage.valueOf(change.stage());
            // a stage that ends the case or declares it paid needs the facts recorded for it (a forged job gets none)
            decisions.requireStageBacked(caseId, stage);
        } catch (RecordedDecisions.DecisionMissingException e) {
            throw refusals.refuse(job, caseId, e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refusals.refuse(job, caseId, "stage " + change.stage() + " is not a stage of a case");
        }
        String key = change.caseId() + ":" + job.getElementId() + ":" + job.getElementInstanceKey();
        boolean caseReview = CASE_PROCESS.equals(job.getBpmnProcessId());
        try {
            Stage entered = stage;
            AuditTrail.inJob(job.getKey(), job.getType(), () -> progress.enter(caseId, entered, change.actor(),
                    change.reason(), key, caseReview ? job.getProcessInstanceKey() : null,
                    caseReview ? job.getProcessDefinitionKey() : null, job.getElementId(),
                    job.getProcessDefinitionKey()));
        } catch (IllegalTransitionException e) {
            // a stage out of order (a model or client of the engine that does not follow the case's state machine):
            // the case stays where it was, the refusal is audited and the job becomes an incident
            throw refusals.refuse(job, caseId, e.getMessage());
        }
    }
}
