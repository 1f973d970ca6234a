package cn.grants.domain.cases;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.notifications.NotificationRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a case from stage to stage: in one transaction the timeline gets "left" for the stage the case was in and
 * "entered" for the new one, the case's stage and status change, and a notification goes into the outbox. Calling
 * it again with the same idempotency key changes nothing, so a retried or duplicated job is harmless; announcing the
 * stage the case is already at changes nothing either. The move itself is the case's ({@link GrantCase#moveTo}): one
 * its stage does not allow throws {@link IllegalTransitionException} and nothing is recorded. What the new stage does
 * to the money is the stage's ({@link Stage#money()}): one that releases the unpaid remainder releases it here.
 */
@Service
public class CaseProgress {

    private final AuditTrail audit;
    private final GrantCaseRepository cases;
    private final TimelineRepository timeline;
    private final NotificationRepository notifications;
    private final InboxTaskRepository tasks;
    private final BudgetService budgets;
    private final Clock clock;

    public CaseProgress(GrantCaseRepository cases, TimelineRepository timeline, NotificationRepository notifications,
            InboxTaskRepository tasks, BudgetService budgets, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.budgets = budgets;
        this.tasks = tasks;
        this.cases = cases;
        this.timeline = timeline;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Records on the case's timeline, at its current stage, a decision that applied to it (which decision, version
     * and row) or a move to another model version. Idempotent by key: a retried job records nothing more.
     */
    @Transactional
    public boolean note(UUID caseId, TimelineEntry.Event event, String actor, String detail, String idempotencyKey,
            String elementId, Long processDefinitionKey) {
        GrantCase grantCase = cases.findById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        return timeline.recordAt(caseId, grantCase.getCurrentStage().name(), event.name(), clock.instant(),
                actor == null || actor.isBlank() ? "system" : actor, detail, idempotencyKey, elementId,
                processDefinitionKey) > 0;
    }

    /**
     * Records the submission (draft left, submitted entered) when the applicant submits; the case moved to
     * {@link Stage#SUBMITTED} itself ({@link GrantCase#submitted}).
     */
    @Transactional
    public void submitted(GrantCase grantCase, String actor) {
        Instant now = clock.instant();
        String key = grantCase.getId() + ":submit";
        timeline.record(grantCase.getId(), Stage.DRAFT.name(), "LEFT", now, actor, null, key + ":left");
        timeline.record(grantCase.getId(), Stage.SUBMITTED.name(), "ENTERED", now, actor, null, key + ":entered");
        enqueue(grantCase, Stage.SUBMITTED, null, now, key);
    }

    /**
     * @param actor who caused the change (the user who completed the previous step, or "system")
     * @param reason why, where the new stage ends the case (rejection, lapse)
     * @param idempotencyKey case id + element id + element instance (the job's identity)
     * @return true when this call changed the case, false when the key was seen before or the case is at that stage
     * @throws IllegalTransitionException when the case's stage does not allow the move (nothing changes)
     */
    @Transactional
    public boolean enter(UUID caseId, Stage stage, String actor, String reason, String idempotencyKey) {
        return enter(caseId, stage, actor, reason, idempotencyKey, null, null);
    }

    /** As {@link #enter(UUID, Stage, String, String, String)}, learning the case review's process instance. */
    @Transactional
    public boolean enter(UUID caseId, Stage stage, String actor, String reason, String idempotencyKey,
            Long caseProcessInstanceKey, Long caseProcessDefinitionKey) {
        return enter(caseId, stage, actor, reason, idempotencyKey, caseProcessInstanceKey, caseProcessDefinitionKey,
                null, null);
    }

    /**
     * As above, recording the model element that announced the stage and its process definition (the case page
     * marks them on the diagram).
     */
    @Transactional
    public boolean enter(UUID caseId, Stage stage, String actor, String reason, String idempotencyKey,
            Long caseProcessInstanceKey, Long caseProcessDefinitionKey, String elementId, Long processDefinitionKey) {
        GrantCase grantCase = cases.lockById(caseId)
                .orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        if (caseProcessInstanceKey != null) {
            grantCase.attachProcess(caseProcessInstanceKey, caseProcessDefinitionKey);
        }
        Instant now = clock.instant();
        String who = actor == null || actor.isBlank() ? "system" : actor;
        if (timeline.existsByIdempotencyKey(idempotencyKey + ":entered")) {
            return false;
        }
        Stage previous = grantCase.getCurrentStage();
        if (stage == previous && !stage.ended()) {
            // the stage the case is at, announced again (a process re-created after an engine restart passes the
            // announcement of the step it resumes at): nothing changes, the applicant is not notified twice
            return false;
        }
        grantCase.moveTo(stage, reason, now); // an illegal move throws here, before anything is recorded
        timeline.record(caseId, previous.name(), "LEFT", now, who, null, idempotencyKey + ":left");
        timeline.recordAt(caseId, stage.name(), "ENTERED", now, who, reason, idempotencyKey + ":entered", elementId,
                processDefinitionKey);
        if (stage.ended()) {
            audit.acted(who, "case-" + stage.name().toLowerCase().replace('_', '-'), caseId,
                    "the case ended at " + stage.name() + (reason == null ? "" : ": " + reason));
            // a deadline or rejection ended the case: tasks whose jobs the engine cancelled leave the inbox
            tasks.findByCaseIdAndStatus(caseId, InboxTask.Status.OPEN).forEach(t -> t.cancel(now));
        }
        if (stage.money().releasesUnpaidRemainder()) {
            budgets.release(caseId); // what an ended case had committed and was not paid goes back to its budget
        }
        enqueue(grantCase, stage, reason, now, idempotencyKey);
        return true;
    }

    private void enqueue(GrantCase c, Stage stage, String reason, Instant now, String key) {
        String subject = "【" + stage.chinese() + "】" + c.getProjectTitle() + " / " + stage.english();
        StringBuilder body = new StringBuilder()
                .append("您的申请「").append(c.getProjectTitle()).append("」已进入“").append(stage.chinese()).append("”阶段。")
                .append("\nYour application \"").append(c.getProjectTitle()).append("\" is now at: ")
                .append(stage.english()).append('.')
                .append("\nNext / 下一步: ").append(stage.next());
        if (reason != null && !reason.isBlank()) {
            body.append("\n原因 Reason: ").append(reason);
        }
        notifications.enqueue(c.getId(), c.getApplicantUser(), stage.name(), subject, body.toString(), now,
                key + ":notify");
    }
}
