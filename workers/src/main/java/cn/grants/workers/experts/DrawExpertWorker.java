package cn.grants.workers.experts;

import cn.grants.domain.experts.ExpertDraw;
import cn.grants.domain.experts.ExpertDrawService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code draw-expert}: draws the expert of one panel slot at random from the pool, never one with a conflict of
 * interest (same employer credit code as the applicant, a declared relation) nor one already drawn for the case;
 * the draw and its exclusions are recorded. Idempotent per case and slot: while the slot's expert is on the panel
 * (an expert review re-created after an engine restart) the same expert is answered, with his score when he scored
 * ({@code expertOutcome = SCORE}: the slot ends without a new task) and what is left of his response period
 * ({@code responseRemaining}, at least a second, so a period that ran out during the downtime times out at once). When nobody is left
 * it throws the BPMN error {@value #POOL_EXHAUSTED} (a business condition, never an incident), with the reason as
 * {@code poolExhaustedReason}: the model gives an officer the task to extend the pool or lower the number.
 */
@Component
public class DrawExpertWorker {

    /** The slot's inputs. */
    public record Slot(String caseId, Integer slot, Integer attempt, String expertResponsePeriod) {
    }

    public static final String POOL_EXHAUSTED = "EXPERT_POOL_EXHAUSTED";

    static final Duration AT_ONCE = Duration.ofSeconds(1);

    private final ExpertDrawService draws;
    private final Clock clock;

    public DrawExpertWorker(ExpertDrawService draws, Clock clock) {
        this.draws = draws;
        this.clock = clock;
    }

    @JobWorker(type = "draw-expert", fetchVariables = {"caseId", "slot", "attempt", "expertResponsePeriod"})
    public Map<String, Object> drawExpert(@VariablesAsType Slot slot) {
        int attempt = slot.attempt() == null ? 1 : slot.attempt();
        ExpertDraw draw = draws.drawSlot(UUID.fromString(slot.caseId()), slot.slot(), attempt);
        if (draw.getStatus() == ExpertDraw.Status.NO_EXPERT) {
            String reason = "no expert without a conflict of interest is left in the pool for case " + slot.caseId()
                    + " (slot " + slot.slot() + ", attempt " + draw.getAttempt() + ")";
            throw CamundaError.bpmnError(POOL_EXHAUSTED, reason, Map.of("poolExhaustedReason", reason));
        }
        Map<String, Object> out = new HashMap<>();
        out.put("expertUser", draw.getExpertUser());
        out.put("attempt", draw.getAttempt());
        boolean scored = draw.getStatus() == ExpertDraw.Status.SCORED;
        out.put("expertOutcome", scored ? "SCORE" : null);
        out.put("score", scored ? draw.getScore() : null);
        out.put("responseRemaining", scored || slot.expertResponsePeriod() == null ? null
                : remaining(draw.getDrawnAt(), Duration.parse(slot.expertResponsePeriod())).toString());
        return out;
    }

    /** What is left of the expert's response period, counted from the draw; at least {@link #AT_ONCE}. */
    private Duration remaining(Instant drawnAt, Duration period) {
        Duration left = Duration.between(clock.instant(), drawnAt.plus(period));
        return left.compareTo(AT_ONCE) < 0 ? AT_ONCE : left;
    }
}
