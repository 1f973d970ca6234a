package cn.grants.workers.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.domain.experts.ExpertDraw;
import cn.grants.domain.experts.ExpertDrawService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** draw-expert answers the slot's expert on the panel: a score given ends the slot, a draw keeps its period. */
class DrawExpertWorkerTest {

    static final String CASE = "00000000-0000-0000-0000-000000000001";
    static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");

    final ExpertDrawService draws = mock(ExpertDrawService.class);
    final DrawExpertWorker worker = new DrawExpertWorker(draws, Clock.fixed(NOW, ZoneOffset.UTC));

    ExpertDraw draw(ExpertDraw.Status status, Instant drawnAt, String score) {
        ExpertDraw draw = mock(ExpertDraw.class);
        when(draw.getStatus()).thenReturn(status);
        when(draw.getExpertUser()).thenReturn("expert3");
        when(draw.getAttempt()).thenReturn(2);
        when(draw.getDrawnAt()).thenReturn(drawnAt);
        when(draw.getScore()).thenReturn(score == null ? null : new BigDecimal(score));
        when(draws.drawSlot(UUID.fromString(CASE), 1, 1)).thenReturn(draw);
        return draw;
    }

    @Test
    void shouldEndTheSlotWithTheScoreAlreadyGiven() {
        // given
        draw(ExpertDraw.Status.SCORED, NOW.minus(Duration.ofDays(2)), "88.50");

        // when
        Map<String, Object> out = worker.drawExpert(new DrawExpertWorker.Slot(CASE, 1, 1, "P7D"));

        // then
        assertThat(out).containsEntry("expertUser", "expert3").containsEntry("attempt", 2)
                .containsEntry("expertOutcome", "SCORE").containsEntry("score", new BigDecimal("88.50"))
                .containsEntry("responseRemaining", null);
    }

    @Test
    void shouldKeepWhatIsLeftOfTheExpertsResponsePeriod() {
        // given an expert drawn six days ago with seven days to respond
        draw(ExpertDraw.Status.ASSIGNED, NOW.minus(Duration.ofDays(6)), null);

        // when
        Map<String, Object> out = worker.drawExpert(new DrawExpertWorker.Slot(CASE, 1, 1, "P7D"));

        // then
        assertThat(out).containsEntry("expertOutcome", null).containsEntry("score", null)
                .containsEntry("responseRemaining", "PT24H");
    }

    @Test
    void shouldTimeOutAtOnceWhenThePeriodRanOutWhileTheSystemWasDown() {
        // given an expert drawn eight days ago with seven days to respond
        draw(ExpertDraw.Status.ASSIGNED, NOW.minus(Duration.ofDays(8)), null);

        // when
        Map<String, Object> out = worker.drawExpert(new DrawExpertWorker.Slot(CASE, 1, 1, "P7D"));

        // then
        assertThat(out).containsEntry("responseRemaining", "PT1S");
    }

    @Test
    void shouldThrowTheExpertPoolExhaustedErrorInsteadOfFailingWhenNobodyIsLeft() {
        // given the pool has no expert without a conflict left
        draw(ExpertDraw.Status.NO_EXPERT, NOW, null);

        // when
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> worker.drawExpert(new DrawExpertWorker.Slot(CASE, 1, 1, "P7D")));

        // then a BPMN error the model catches, with the reason for the officer's task
        assertThat(thrown).isInstanceOf(io.camunda.client.exception.BpmnError.class);
        io.camunda.client.exception.BpmnError error = (io.camunda.client.exception.BpmnError) thrown;
        assertThat(error.getErrorCode()).isEqualTo("EXPERT_POOL_EXHAUSTED");
        assertThat(((Map<?, ?>) error.getVariables()).containsKey("poolExhaustedReason")).isTrue();
    }
}
