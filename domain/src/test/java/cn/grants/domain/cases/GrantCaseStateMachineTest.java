package cn.grants.domain.cases;

import static cn.grants.domain.cases.Stage.AWAITING_BATCH;
import static cn.grants.domain.cases.Stage.CALCULATION;
import static cn.grants.domain.cases.Stage.CLAWBACK;
import static cn.grants.domain.cases.Stage.CLAWED_BACK;
import static cn.grants.domain.cases.Stage.CORRECTION;
import static cn.grants.domain.cases.Stage.DRAFT;
import static cn.grants.domain.cases.Stage.EXPERT_REVIEW;
import static cn.grants.domain.cases.Stage.FINANCE_APPROVAL;
import static cn.grants.domain.cases.Stage.FORMAL_CHECK;
import static cn.grants.domain.cases.Stage.FUNDING_PLAN;
import static cn.grants.domain.cases.Stage.LAPSED;
import static cn.grants.domain.cases.Stage.MATCHING_REVIEW;
import static cn.grants.domain.cases.Stage.MILESTONE_REVIEW;
import static cn.grants.domain.cases.Stage.ON_HOLD;
import static cn.grants.domain.cases.Stage.PAID;
import static cn.grants.domain.cases.Stage.PAYOUT;
import static cn.grants.domain.cases.Stage.PUBLICITY;
import static cn.grants.domain.cases.Stage.REJECTED;
import static cn.grants.domain.cases.Stage.SPECIAL_AUDIT;
import static cn.grants.domain.cases.Stage.STAGE_REVIEW;
import static cn.grants.domain.cases.Stage.STOPPED;
import static cn.grants.domain.cases.Stage.SUBMITTED;
import static cn.grants.domain.cases.Stage.TRANCHE_PAID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The case's state machine, every (from, to) pair of stages against the table below (derived from the models in
 * {@code bpmn/src/main/resources/bpmn}, the submission, the batch decision and the engine-restart recovery): an
 * allowed move changes the stage and the status, any other throws and changes nothing. And what each stage means
 * for the money.
 */
class GrantCaseStateMachineTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    /** The moves the lifecycle really takes; everything not listed is illegal. */
    static final Map<Stage, Set<Stage>> ALLOWED = new EnumMap<>(Stage.class);

    static {
        allow(DRAFT, SUBMITTED);
        allow(SUBMITTED, FORMAL_CHECK);
        allow(FORMAL_CHECK, EXPERT_REVIEW, CORRECTION, REJECTED);
        allow(CORRECTION, FORMAL_CHECK, REJECTED, LAPSED);
        allow(EXPERT_REVIEW, SPECIAL_AUDIT, CALCULATION, REJECTED);
        allow(SPECIAL_AUDIT, CALCULATION, REJECTED);
        allow(CALCULATION, AWAITING_BATCH, REJECTED);
        allow(AWAITING_BATCH, PUBLICITY, REJECTED);
        allow(PUBLICITY, ON_HOLD, FUNDING_PLAN, REJECTED);
        allow(ON_HOLD, PUBLICITY, FUNDING_PLAN, REJECTED);
        allow(FUNDING_PLAN, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL);
        allow(MILESTONE_REVIEW, FINANCE_APPROVAL, CLAWBACK, REJECTED);
        allow(MATCHING_REVIEW, FINANCE_APPROVAL, CLAWBACK, REJECTED);
        allow(STAGE_REVIEW, FINANCE_APPROVAL, STOPPED); // 赛马: go on to the stage's payment, or stop
        allow(FINANCE_APPROVAL, PAYOUT, REJECTED, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW);
        allow(PAYOUT, TRANCHE_PAID, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL, PAID);
        allow(TRANCHE_PAID, MILESTONE_REVIEW, MATCHING_REVIEW, STAGE_REVIEW, FINANCE_APPROVAL, PAID);
        allow(CLAWBACK, CLAWED_BACK);
        // PAID, CLAWED_BACK, REJECTED, LAPSED, STOPPED: none
    }

    private static void allow(Stage from, Stage... to) {
        ALLOWED.put(from, EnumSet.copyOf(Arrays.asList(to)));
    }

    static Stream<Arguments> everyPairOfStages() {
        return Arrays.stream(Stage.values()).flatMap(from -> Arrays.stream(Stage.values())
                .map(to -> Arguments.of(from, to, ALLOWED.getOrDefault(from, Set.of()).contains(to))));
    }

    @ParameterizedTest(name = "{0} → {1}: allowed {2}")
    @MethodSource("everyPairOfStages")
    void shouldAllowExactlyTheMovesOfTheTable(Stage from, Stage to, boolean allowed) {
        // given a case at the first stage
        GrantCase grantCase = caseAt(from);

        if (allowed) {
            // when it moves to the second
            grantCase.moveTo(to, "reason", NOW.plusSeconds(60));

            // then it is there, with the status that stage implies
            assertThat(grantCase.getCurrentStage()).isEqualTo(to);
            assertThat(grantCase.getStatus()).isEqualTo(to.caseStatus());
            assertThat(grantCase.getUpdatedAt()).isEqualTo(NOW.plusSeconds(60));
        } else {
            // when it is asked to move there, then the move is refused, naming both stages, and nothing changes
            assertThatThrownBy(() -> grantCase.moveTo(to, "reason", NOW.plusSeconds(60)))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).isEqualTo(from);
                        assertThat(e.to()).isEqualTo(to);
                        assertThat(e.caseId()).isEqualTo(grantCase.getId());
                    })
                    .hasMessageContaining("from " + from + " to " + to);
            assertThat(grantCase.getCurrentStage()).isEqualTo(from);
            assertThat(grantCase.getStatus()).isEqualTo(from.caseStatus());
            assertThat(grantCase.getUpdatedAt()).isNotEqualTo(NOW.plusSeconds(60));
        }
    }

    @ParameterizedTest(name = "{0}: {1}, {2}")
    @CsvSource({
            // stage,         status,      money effect,              ended, releases remainder, holds back payments
            "DRAFT,            DRAFT,       NONE,                      false, false, false",
            "SUBMITTED,        IN_PROGRESS, NONE,                      false, false, false",
            "FORMAL_CHECK,     IN_PROGRESS, NONE,                      false, false, false",
            "CORRECTION,       RETURNED,    NONE,                      false, false, false",
            "EXPERT_REVIEW,    IN_PROGRESS, NONE,                      false, false, false",
            "SPECIAL_AUDIT,    IN_PROGRESS, NONE,                      false, false, false",
            "CALCULATION,      IN_PROGRESS, NONE,                      false, false, false",
            "AWAITING_BATCH,   IN_PROGRESS, AWAITS_COMMITMENT,         false, false, false",
            "PUBLICITY,        IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "ON_HOLD,          IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "FUNDING_PLAN,     IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "MILESTONE_REVIEW, IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "MATCHING_REVIEW,  IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "STAGE_REVIEW,     IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "FINANCE_APPROVAL, IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "PAYOUT,           IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "TRANCHE_PAID,     IN_PROGRESS, HOLDS_COMMITMENT,          false, false, false",
            "PAID,             PAID,        PAID,                      true,  false, false",
            "CLAWBACK,         IN_PROGRESS, HOLDS_BACK_PAYMENTS,       false, false, true",
            "CLAWED_BACK,      CLAWED_BACK, RELEASES_UNPAID_REMAINDER, true,  true,  true",
            "REJECTED,         REJECTED,    RELEASES_UNPAID_REMAINDER, true,  true,  true",
            "LAPSED,           LAPSED,      RELEASES_UNPAID_REMAINDER, true,  true,  true",
            // 赛马 stopped: the stages paid stand (their instructions still go out), the rest goes back to the budget
            "STOPPED,          PAID,        KEEPS_PAID_STAGES,         true,  true,  false"})
    void shouldDeclareTheStatusAndMoneyEffectOfEachStage(Stage stage, CaseStatus status, MoneyEffect money,
            boolean ended, boolean releasesRemainder, boolean holdsBackPayments) {
        // given the stage, when asked, then
        assertThat(stage.caseStatus()).isEqualTo(status);
        assertThat(stage.money()).isEqualTo(money);
        assertThat(stage.ended()).isEqualTo(ended);
        assertThat(stage.money().releasesUnpaidRemainder()).isEqualTo(releasesRemainder);
        assertThat(stage.money().holdsBackPayments()).isEqualTo(holdsBackPayments);
        assertThat(stage.money().grantStands()).isEqualTo(money != MoneyEffect.RELEASES_UNPAID_REMAINDER);
    }

    @Test
    void shouldListEveryStageThatDoesNotEndTheCaseInTheTable() {
        // given the table, when compared with the type, then it names every stage that has a move out
        assertThat(ALLOWED.keySet()).isEqualTo(Stage.where(s -> !s.ended()));
    }

    @Test
    void shouldReachEveryStageFromTheDraftAndAnEndFromEveryStage() {
        // given the moves, when followed from the draft
        Set<Stage> reached = reachable(DRAFT);

        // then every stage is reached, and from every stage the case can end (no dead end, no trap)
        assertThat(reached).containsExactlyInAnyOrder(Stage.values());
        for (Stage stage : Stage.values()) {
            assertThat(stage.ended() || reachable(stage).stream().anyMatch(Stage::ended)).as("%s can end", stage)
                    .isTrue();
        }
    }

    @Test
    void shouldSubmitADraftOnlyOnce() {
        // given a draft
        GrantCase grantCase = caseAt(DRAFT);

        // when submitted
        grantCase.submitted("epoch", NOW.plusSeconds(1));

        // then it is submitted and running; submitting again is an illegal move
        assertThat(grantCase.getCurrentStage()).isEqualTo(SUBMITTED);
        assertThat(grantCase.getStatus()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(grantCase.getSubmittedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThatThrownBy(() -> grantCase.submitted("epoch", NOW.plusSeconds(2)))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("from SUBMITTED to SUBMITTED");
        assertThat(grantCase.getSubmittedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void shouldKeepTheReasonOfTheClawbackWhenTheRecoveryEndsIt() {
        // given a case whose failed milestone started a clawback
        GrantCase grantCase = caseAt(MILESTONE_REVIEW);
        grantCase.moveTo(CLAWBACK, "里程碑未通过 milestone rejected", NOW);

        // when finance confirms the recovery
        grantCase.moveTo(CLAWED_BACK, null, NOW);

        // then the case has ended with the reason of the clawback
        assertThat(grantCase.hasEnded()).isTrue();
        assertThat(grantCase.getRejectionReason()).isEqualTo("里程碑未通过 milestone rejected");
    }

    /** A case moved from its draft to the stage by legal moves. */
    static GrantCase caseAt(Stage stage) {
        GrantCase grantCase = new GrantCase(UUID.randomUUID(), "measure", "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", Map.of(), NOW);
        if (stage != DRAFT) {
            StagePaths.path(DRAFT, stage).forEach(step -> grantCase.moveTo(step, null, NOW));
        }
        return grantCase;
    }

    private static Set<Stage> reachable(Stage from) {
        Set<Stage> reached = EnumSet.of(from);
        Deque<Stage> open = new ArrayDeque<>(reached);
        while (!open.isEmpty()) {
            for (Stage next : open.poll().moves()) {
                if (reached.add(next)) {
                    open.add(next);
                }
            }
        }
        return reached;
    }
}
