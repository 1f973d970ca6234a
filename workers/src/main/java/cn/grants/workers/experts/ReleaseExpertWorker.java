package cn.grants.workers.experts;

import cn.grants.domain.experts.ExpertDrawService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code release-expert}: an expert who did not respond in time is recorded as timed out (one who recused was
 * recorded when recusing); the slot moves to its next attempt and draws again.
 */
@Component
public class ReleaseExpertWorker {

    public record Slot(String caseId, Integer slot, Integer attempt) {
    }

    private final ExpertDrawService draws;

    public ReleaseExpertWorker(ExpertDrawService draws) {
        this.draws = draws;
    }

    @JobWorker(type = "release-expert", fetchVariables = {"caseId", "slot", "attempt"})
    public Map<String, Object> releaseExpert(@VariablesAsType Slot slot) {
        int attempt = slot.attempt() == null ? 1 : slot.attempt();
        draws.timedOut(UUID.fromString(slot.caseId()), slot.slot(), attempt);
        return Map.of("attempt", attempt + 1);
    }
}
