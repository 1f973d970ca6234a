package cn.grants.workers.experts;

import cn.grants.domain.experts.ExpertDraw;
import cn.grants.domain.experts.ExpertDrawService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code draw-expert}: draws the expert of one panel slot at random from the pool, never one with a conflict of
 * interest (same employer credit code as the applicant, a declared relation) nor one already drawn for the case;
 * the draw and its exclusions are recorded. Idempotent per case, slot and attempt. When nobody is left the job
 * fails and, after its retries, raises an incident: the pool must be extended, then the incident resolved.
 */
@Component
public class DrawExpertWorker {

    /** The slot's inputs. */
    public record Slot(String caseId, Integer slot, Integer attempt) {
    }

    private final ExpertDrawService draws;

    public DrawExpertWorker(ExpertDrawService draws) {
        this.draws = draws;
    }

    @JobWorker(type = "draw-expert", fetchVariables = {"caseId", "slot", "attempt"})
    public Map<String, Object> drawExpert(@VariablesAsType Slot slot) {
        int attempt = slot.attempt() == null ? 1 : slot.attempt();
        ExpertDraw draw = draws.draw(UUID.fromString(slot.caseId()), slot.slot(), attempt);
        if (draw.getStatus() == ExpertDraw.Status.NO_EXPERT) {
            throw new IllegalStateException("no expert without a conflict of interest is left in the pool for case "
                    + slot.caseId() + " (slot " + slot.slot() + ", attempt " + attempt + "); extend the pool");
        }
        return Map.of("expertUser", draw.getExpertUser());
    }
}
