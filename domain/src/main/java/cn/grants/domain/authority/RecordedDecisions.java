package cn.grants.domain.authority;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.objections.Objection;
import cn.grants.domain.objections.ObjectionRepository;
import cn.grants.domain.payouts.Clawback;
import cn.grants.domain.payouts.ClawbackRepository;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.math.BigDecimal;
import java.util.List;
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

    /** The outcomes by which a person ends a case: reject, withdraw (the applicant), uphold an objection. */
    static final Set<String> ENDING_OUTCOMES = Set.of("REJECT", "WITHDRAW", "UPHOLD");

    private final ObjectionRepository objections;
    private final InboxTaskRepository tasks;
    private final GrantCaseRepository cases;
    private final TrancheRepository tranches;
    private final ClawbackRepository clawbacks;
    private final FundingRoundRepository rounds;
    private final PolicyCatalogue catalogue;

    public RecordedDecisions(ObjectionRepository objections, InboxTaskRepository tasks, GrantCaseRepository cases,
            TrancheRepository tranches, ClawbackRepository clawbacks, FundingRoundRepository rounds,
            PolicyCatalogue catalogue) {
        this.catalogue = catalogue;
        this.objections = objections;
        this.tasks = tasks;
        this.cases = cases;
        this.tranches = tranches;
        this.clawbacks = clawbacks;
        this.rounds = rounds;
    }

    /**
     * A stage that ends a case, or declares it paid or clawed back, only with the facts that back it: paid when every
     * tranche not cancelled was paid; clawed back when finance recorded the recovery; lapsed from the correction only;
     * rejected when a person recorded the rejection (reject, withdraw, an upheld objection, a refused payout or a
     * failed condition check), the recorded review score is below the round's pass score, or the recorded
     * calculation grants nothing. Other stages need nothing recorded.
     */
    /** The form of a race's stage review (赛马): STOP ends the case with the stages paid standing. */
    public static final String STAGE_REVIEW_FORM = "stage-review";

    @Transactional(readOnly = true)
    public void requireStageBacked(UUID caseId, Stage stage) {
        GrantCase grantCase = cases.findById(caseId)
                .orElseThrow(() -> new DecisionMissingException(caseId, "no case " + caseId));
        switch (stage) {
            case PAID -> {
                List<Tranche> planned = tranches.findByCaseIdOrderByNumber(caseId);
                boolean allPaid = planned.stream().anyMatch(t -> t.getStatus() == Tranche.Status.PAID)
                        && planned.stream().allMatch(t -> t.getStatus() != Tranche.Status.PLANNED);
                if (!allPaid) {
                    throw new DecisionMissingException(caseId, "case " + caseId
                            + " is not paid: not every tranche planned for it was paid");
                }
            }
            case CLAWED_BACK -> {
                if (clawbacks.findByCaseId(caseId).map(Clawback::getRecoveredBy).isEmpty()) {
                    throw new DecisionMissingException(caseId, "case " + caseId
                            + " has no clawback whose recovery finance recorded");
                }
            }
            case LAPSED -> {
                if (grantCase.getCurrentStage() != Stage.CORRECTION) {
                    throw new DecisionMissingException(caseId, "case " + caseId + " is at "
                            + grantCase.getCurrentStage() + ", not in a correction that could lapse");
                }
            }
            case REJECTED -> {
                if (!rejectionRecorded(grantCase)) {
                    throw new DecisionMissingException(caseId, "case " + caseId + " has no recorded rejection: no "
                            + "person rejected it, its review score passed or was not given, its calculation grants");
                }
            }
            case STOPPED -> {
                boolean stopped = tasks.findByCaseIdAndStatus(caseId, InboxTask.Status.COMPLETED).stream()
                        .anyMatch(t -> STAGE_REVIEW_FORM.equals(String.valueOf(t.getDetails().get("form")))
                                && "STOP".equals(t.getOutcome()) && t.getCompletedBy() != null);
                if (!stopped) {
                    throw new DecisionMissingException(caseId, "case " + caseId
                            + " has no stage review in which an officer stopped it");
                }
            }
            default -> {
                // stages that neither end a case nor move money need no recorded decision
            }
        }
    }

    private boolean rejectionRecorded(GrantCase grantCase) {
        boolean byPerson = tasks.findByCaseIdAndStatus(grantCase.getId(), InboxTask.Status.COMPLETED).stream()
                .anyMatch(t -> ENDING_OUTCOMES.contains(t.getOutcome()) && t.getCompletedBy() != null);
        BigDecimal pass = grantCase.getRoundId() == null ? null
                : rounds.findById(grantCase.getRoundId()).map(FundingRound::getPassScore).orElse(null);
        boolean reviewFailed = grantCase.getReviewScore() != null && pass != null
                && grantCase.getReviewScore().compareTo(pass) < 0;
        boolean grantsNothing = grantCase.getCalculatedAmount() != null
                && (grantCase.getCalculatedAmount().signum() <= 0 || catalogue.find(grantCase.getMeasureId())
                        .map(m -> !m.rule().cash()).orElse(true));
        return byPerson || reviewFailed || grantsNothing;
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
