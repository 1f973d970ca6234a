package cn.grants.domain.authority;

import cn.grants.domain.objections.Objection;
import cn.grants.domain.objections.ObjectionRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decisions people recorded in PostgreSQL, which the workers that release or claw back money require before
 * they act: a job (from whatever model, or any client of the engine) names a case, but only what the right role
 * recorded for that case lets its money move.
 */
@Service
public class RecordedDecisions {

    /** The forms of the disbursement condition checks (an officer accepts a milestone, verifies matching funds). */
    static final Set<String> CONDITION_CHECKS = Set.of("milestone", "matching");

    private final ObjectionRepository objections;
    private final InboxTaskRepository tasks;

    public RecordedDecisions(ObjectionRepository objections, InboxTaskRepository tasks) {
        this.objections = objections;
        this.tasks = tasks;
    }

    /** An officer upheld an objection against the case: the only ground to withdraw its award. */
    @Transactional(readOnly = true)
    public void requireUpheldObjection(UUID caseId) {
        boolean upheld = objections.findByCaseIdOrderByReceivedAt(caseId).stream()
                .anyMatch(o -> o.getStatus() == Objection.Status.UPHELD && o.getDecidedBy() != null);
        if (!upheld) {
            throw new DecisionMissingException(caseId, "case " + caseId + " has no objection upheld by an officer");
        }
    }

    /** An officer found a disbursement condition of the case not met: the only ground to claw back. */
    @Transactional(readOnly = true)
    public void requireFailedCondition(UUID caseId) {
        boolean failed = tasks.findByCaseIdAndStatus(caseId, InboxTask.Status.COMPLETED).stream()
                .anyMatch(t -> CONDITION_CHECKS.contains(String.valueOf(t.getDetails().get("form")))
                        && "REJECT".equals(t.getOutcome()) && t.getCompletedBy() != null);
        if (!failed) {
            throw new DecisionMissingException(caseId, "case " + caseId
                    + " has no milestone or matching check recorded as failed by an officer");
        }
    }

    /** A worker was asked to move money that no recorded decision backs. */
    public static class DecisionMissingException extends RuntimeException {
        private final UUID caseId;

        public DecisionMissingException(UUID caseId, String message) {
            super(message);
            this.caseId = caseId;
        }

        public UUID caseId() {
            return caseId;
        }
    }
}
