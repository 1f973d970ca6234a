package cn.grants.workers.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.experts.ExpertDraw;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.workers.Refusals;
import io.camunda.client.api.response.ActivatedJob;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aggregate-scores holds the panel's score against the pass score of the case's recorded review route. */
class AggregateScoresWorkerTest {

    static final UUID CASE = UUID.fromString("00000000-0000-0000-0000-000000000009");
    static final UUID ROUND = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    final GrantCaseRepository cases = mock(GrantCaseRepository.class);
    final ExpertDrawService experts = mock(ExpertDrawService.class);
    final FundingRoundRepository rounds = mock(FundingRoundRepository.class);
    final Refusals refusals = mock(Refusals.class);
    final GrantCase grantCase = mock(GrantCase.class);
    final AggregateScoresWorker worker = new AggregateScoresWorker(cases, experts, rounds, refusals,
            Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC));

    @BeforeEach
    void panelScored65() {
        when(refusals.caseId(any(), any())).thenReturn(CASE);
        when(cases.lockById(CASE)).thenReturn(Optional.of(grantCase));
        when(grantCase.getRoundId()).thenReturn(ROUND);
        FundingRound round = mock(FundingRound.class);
        when(round.getPassScore()).thenReturn(new BigDecimal("60.00"));
        when(rounds.findById(ROUND)).thenReturn(Optional.of(round));
        List<ExpertDraw> draws = List.of(scored("65.00"), scored("65.00"), scored("65.00"));
        when(experts.draws(CASE)).thenReturn(draws);
    }

    static ExpertDraw scored(String score) {
        ExpertDraw draw = mock(ExpertDraw.class);
        when(draw.getStatus()).thenReturn(ExpertDraw.Status.SCORED);
        when(draw.getScore()).thenReturn(new BigDecimal(score));
        return draw;
    }

    @Test
    void shouldHoldTheScoreAgainstThePassScoreOfTheRecordedRoute() {
        // given the review route raised the pass score to 70 (the round's is 60)
        when(grantCase.getReviewPassScore()).thenReturn(new BigDecimal("70.00"));

        // when the job says 60, as a forged variable would
        Map<String, Object> out = worker.aggregateScores(mock(ActivatedJob.class),
                new AggregateScoresWorker.Scores(CASE.toString(), List.of(), 60));

        // then 65 fails against the recorded 70
        assertThat(out).containsEntry("reviewPassed", false).containsEntry("reviewScore", "65.00");
        assertThat(out.get("rejectionReason").toString()).contains("pass score 70");
    }

    @Test
    void shouldUseTheRoundsPassScoreForACaseRoutedBeforeTheDecisionExisted() {
        // given no route recorded (a case of a model version without the review-route decision)
        when(grantCase.getReviewPassScore()).thenReturn(null);

        // when
        Map<String, Object> out = worker.aggregateScores(mock(ActivatedJob.class),
                new AggregateScoresWorker.Scores(CASE.toString(), List.of(), null));

        // then the round's 60 applies
        assertThat(out).containsEntry("reviewPassed", true);
    }
}
