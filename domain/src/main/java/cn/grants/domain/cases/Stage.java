package cn.grants.domain.cases;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A case is a state machine, and this is it: the stages a case passes through (as the lifecycle models announce
 * them with the {@code stage} input of their notify-applicant events), each declared once with its labels (Chinese
 * first), the phase it belongs to, the {@link CaseStatus} it implies, what it means for the money
 * ({@link MoneyEffect}), the applicant's "what is next" line, what the applicant may do at it, and the stages it may
 * move to ({@link #moves()}).
 * {@link GrantCase#moveTo} refuses any other move; a stage with no move out ends the case ({@link #ended()}).
 * Everything that asks which cases hold, release or pay money, or have ended, asks this type.
 */
public enum Stage {
    DRAFT("草稿", "Draft", Phase.APPLICATION, CaseStatus.DRAFT, MoneyEffect.NONE, "Submit the application"),
    SUBMITTED("已提交", "Submitted", Phase.REVIEW, CaseStatus.IN_PROGRESS, MoneyEffect.NONE,
            "Formal check by an officer"),
    FORMAL_CHECK("形式审查", "Formal check", Phase.REVIEW, CaseStatus.IN_PROGRESS, MoneyEffect.NONE,
            "An officer checks the application is complete"),
    CORRECTION("补正材料", "Correction", Phase.REVIEW, CaseStatus.RETURNED, MoneyEffect.NONE,
            "Correct the application and resubmit it"),
    EXPERT_REVIEW("专家评审", "Expert review", Phase.REVIEW, CaseStatus.IN_PROGRESS, MoneyEffect.NONE,
            "Experts score the project"),
    SPECIAL_AUDIT("专项审计", "Special audit", Phase.REVIEW, CaseStatus.IN_PROGRESS, MoneyEffect.NONE,
            "An auditor confirms the eligible amounts"),
    CALCULATION("资助计算", "Calculation", Phase.REVIEW, CaseStatus.IN_PROGRESS, MoneyEffect.NONE,
            "The grant is calculated by the measure's rule"),
    AWAITING_BATCH("待批次决定", "Awaiting batch decision", Phase.BATCH_DECISION, CaseStatus.IN_PROGRESS,
            MoneyEffect.AWAITS_COMMITMENT,
            "The round's batch decision after the window closes and every case is reviewed"),
    PUBLICITY("公示", "Publicity", Phase.PUBLICITY, CaseStatus.IN_PROGRESS, MoneyEffect.HOLDS_COMMITMENT,
            "The grant is published for objections until the publicity ends"),
    ON_HOLD("暂缓（异议核查）", "On hold (objection)", Phase.PUBLICITY, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "An officer investigates an objection"),
    FUNDING_PLAN("列入资助计划", "In the funding plan", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "Disbursement by tranches"),
    MILESTONE_REVIEW("里程碑验收", "Milestone review", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "Upload the milestone evidence; an officer accepts the milestone"),
    MATCHING_REVIEW("配套资金核验", "Matching funds check", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "Upload the evidence of the superior funds; an officer verifies it"),
    STAGE_REVIEW("阶段评审", "Stage review", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "Upload the stage's results; an officer decides whether the project goes on to "
                    + "the next stage of the competition (赛马)"),
    FINANCE_APPROVAL("拨付审批", "Finance approval", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "A finance officer approves the payout"),
    PAYOUT("拨付", "Payout", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS, MoneyEffect.HOLDS_COMMITMENT,
            "The payment instruction is issued"),
    TRANCHE_PAID("本期已拨付", "Tranche paid", Phase.DISBURSEMENT, CaseStatus.IN_PROGRESS,
            MoneyEffect.HOLDS_COMMITMENT, "The next tranche when it falls due"),
    PAID("已拨付", "Paid", Phase.ENDED, CaseStatus.PAID, MoneyEffect.PAID, "Nothing: the grant was paid"),
    CLAWBACK("追回", "Clawback", Phase.CLAWBACK, CaseStatus.IN_PROGRESS, MoneyEffect.HOLDS_BACK_PAYMENTS,
            "Return the tranches paid; finance confirms the recovery"),
    CLAWED_BACK("已追回", "Clawed back", Phase.ENDED, CaseStatus.CLAWED_BACK, MoneyEffect.RELEASES_UNPAID_REMAINDER,
            "Nothing: the paid tranches were recovered"),
    REJECTED("未通过", "Rejected", Phase.ENDED, CaseStatus.REJECTED, MoneyEffect.RELEASES_UNPAID_REMAINDER,
            "Nothing: the case ended"),
    STOPPED("赛马终止", "Stopped at a stage", Phase.ENDED, CaseStatus.PAID, MoneyEffect.KEEPS_PAID_STAGES,
            "Nothing: the competition stopped at a stage review; the stages completed were paid and stand"),
    LAPSED("已失效", "Lapsed", Phase.ENDED, CaseStatus.LAPSED, MoneyEffect.RELEASES_UNPAID_REMAINDER,
            "Nothing: the correction was not made in time");

    /** Where in the lifecycle a stage lies (the round and the engine-restart recovery act on phases). */
    public enum Phase {
        /** created, not yet submitted */
        APPLICATION,
        /** the case review ({@code grant-lifecycle}): submission to calculation */
        REVIEW,
        /** calculated, waiting for the round's batch decision */
        BATCH_DECISION,
        /** listed for publicity (公示), possibly held by an objection */
        PUBLICITY,
        /** the funding plan and its tranches ({@code grant-disbursement}) */
        DISBURSEMENT,
        /** a failed condition: what was paid is being recovered */
        CLAWBACK,
        /** nothing happens any more */
        ENDED
    }

    /**
     * The moves each stage may make, following the models in {@code bpmn/src/main/resources/bpmn} (sequence flows,
     * boundary events, timers) plus the submission ({@link CaseProgress#submitted}) and the batch decision
     * ({@code BatchDecisionService}). Moves marked "restart" are taken when the in-memory engine restarted and the
     * case was re-created at the last step PostgreSQL knows ({@code EngineResetRecovery}): the re-created process
     * announces the next stage it reaches from there.
     */
    private static Set<Stage> declaredMoves(Stage from) {
        return switch (from) {
            case DRAFT -> EnumSet.of(SUBMITTED); // the applicant submits
            case SUBMITTED -> EnumSet.of(FORMAL_CHECK);
            case FORMAL_CHECK -> EnumSet.of(EXPERT_REVIEW, CORRECTION, REJECTED); // approve, return, reject
            case CORRECTION -> EnumSet.of(FORMAL_CHECK, REJECTED, LAPSED); // resubmit, withdraw, deadline
            case EXPERT_REVIEW -> EnumSet.of(SPECIAL_AUDIT, CALCULATION, REJECTED); // audit required or not, failed
            case SPECIAL_AUDIT -> EnumSet.of(CALCULATION, REJECTED);
            case CALCULATION -> EnumSet.of(AWAITING_BATCH, REJECTED); // calculated, not eligible
            case AWAITING_BATCH -> EnumSet.of(PUBLICITY, REJECTED); // listed, or the batch leaves it nothing
            // objection filed, publicity ended; restart: an objection not yet announced is investigated and upheld
            case PUBLICITY -> EnumSet.of(ON_HOLD, FUNDING_PLAN, REJECTED);
            // dismissed (publicity resumes), upheld (award withdrawn); restart: dismissed, then the publicity ended
            case ON_HOLD -> EnumSet.of(PUBLICITY, REJECTED, FUNDING_PLAN);
            case FUNDING_PLAN -> EnumSet.of(MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL); // 1st
            // accepted; failed with something paid (clawback) or nothing paid (stopped)
            case MILESTONE_REVIEW, MATCHING_REVIEW -> EnumSet.of(FINANCE_APPROVAL, CLAWBACK, REJECTED);
            // the competitor goes on to the stage's payment, or is stopped (completed stages stand)
            case STAGE_REVIEW -> EnumSet.of(FINANCE_APPROVAL, STOPPED);
            // approved, refused; restart: the tranche starts again at its condition check
            case FINANCE_APPROVAL -> EnumSet.of(PAYOUT, REJECTED, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW);
            // paid; restart: the payout not made starts its tranche again, a payout made goes on to the next
            case PAYOUT -> EnumSet.of(TRANCHE_PAID, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL,
                    PAID);
            case TRANCHE_PAID -> EnumSet.of(MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL,
                    PAID); // next, last
            case CLAWBACK -> EnumSet.of(CLAWED_BACK); // finance confirms the recovery
            case PAID, CLAWED_BACK, REJECTED, LAPSED, STOPPED -> EnumSet.noneOf(Stage.class);
        };
    }

    private static final Map<Stage, Set<Stage>> MOVES = allMoves();

    private final String chinese;
    private final String english;
    private final Phase phase;
    private final CaseStatus caseStatus;
    private final MoneyEffect money;
    private final String next;

    Stage(String chinese, String english, Phase phase, CaseStatus caseStatus, MoneyEffect money, String next) {
        this.chinese = chinese;
        this.english = english;
        this.phase = phase;
        this.caseStatus = caseStatus;
        this.money = money;
        this.next = next;
    }

    private static Map<Stage, Set<Stage>> allMoves() {
        Map<Stage, Set<Stage>> moves = new EnumMap<>(Stage.class);
        for (Stage stage : values()) {
            moves.put(stage, Collections.unmodifiableSet(declaredMoves(stage)));
        }
        return Collections.unmodifiableMap(moves);
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    public String label() {
        return chinese + " " + english;
    }

    public Phase phase() {
        return phase;
    }

    public CaseStatus caseStatus() {
        return caseStatus;
    }

    /** What the stage means for the case's money. */
    public MoneyEffect money() {
        return money;
    }

    /** What happens next, for the applicant's "what is next" line. */
    public String next() {
        return next;
    }

    /** The stages a case at this stage may move to. */
    public Set<Stage> moves() {
        return MOVES.get(this);
    }

    public boolean mayMoveTo(Stage to) {
        return to != null && moves().contains(to);
    }

    /**
     * The applicant may add documents to the case at this stage: the draft, the correction, and the milestone or
     * matching-funds evidence the officer checks.
     */
    public boolean applicantAddsDocuments() {
        return switch (this) {
            case DRAFT, CORRECTION, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW -> true;
            default -> false;
        };
    }

    /** Nothing follows: the case ended (paid, clawed back, rejected or lapsed). */
    public boolean ended() {
        return moves().isEmpty();
    }

    /** The stages matching a property of this type, for queries ("the stages that hold back payments"). */
    public static Set<Stage> where(Predicate<Stage> property) {
        Set<Stage> matching = EnumSet.noneOf(Stage.class);
        for (Stage stage : values()) {
            if (property.test(stage)) {
                matching.add(stage);
            }
        }
        return Collections.unmodifiableSet(matching);
    }

    /** The stages of a phase. */
    public static Set<Stage> of(Phase phase) {
        return where(s -> s.phase == phase);
    }
}
