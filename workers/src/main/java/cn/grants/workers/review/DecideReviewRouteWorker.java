package cn.grants.workers.review;

import cn.grants.domain.review.ReviewRoutes;
import cn.grants.domain.models.DecisionRow;
import cn.grants.workers.Refusals;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.EvaluatedDecision;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code decide-review-route}: a business rule task evaluated by the engine (the decision named by the task's header
 * {@code decisionId}, {@code review-route} unless the model names another) on the case's facts, the route recorded
 * with the decision's version and row ({@link ReviewRoutes}) and handed to the model as {@code reviewRoute}
 * (experts, passScore, specialAudit). A decision that is not deployed, fails or gives no complete route is a
 * technical fault: retried, then the repair task.
 */
@Component
public class DecideReviewRouteWorker {

    public static final String DEFAULT_DECISION = "review-route";

    public record Input(String caseId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private final CamundaClient camunda;
    private final ReviewRoutes routes;
    private final Refusals refusals;

    public DecideReviewRouteWorker(CamundaClient camunda, ReviewRoutes routes, Refusals refusals) {
        this.camunda = camunda;
        this.routes = routes;
        this.refusals = refusals;
    }

    @JobWorker(type = "decide-review-route", fetchVariables = {"caseId"})
    public Map<String, Object> decideReviewRoute(ActivatedJob job, @VariablesAsType Input input) {
        UUID caseId = refusals.caseId(job, input.caseId());
        String decisionId = job.getCustomHeaders().getOrDefault("decisionId", DEFAULT_DECISION);
        ReviewRoutes.Facts facts = routes.facts(caseId);
        EvaluateDecisionResponse evaluated = camunda.newEvaluateDecisionCommand().decisionId(decisionId)
                .variables(facts.asDecisionInput()).send().join();
        if (evaluated.getFailureMessage() != null && !evaluated.getFailureMessage().isBlank()) {
            throw new IllegalStateException("decision " + decisionId + " failed: " + evaluated.getFailureMessage());
        }
        ReviewRoutes.Route route = routes.record(caseId, outcome(evaluated), row(evaluated),
                caseId + ":" + job.getElementId() + ":" + job.getElementInstanceKey() + ":decided",
                job.getElementId(), job.getProcessDefinitionKey());
        return Map.of("reviewRoute", route.asVariable());
    }

    static ReviewRoutes.Outcome outcome(EvaluateDecisionResponse evaluated) {
        String output = evaluated.getDecisionOutput();
        if (output == null || output.isBlank() || output.equals("null")) {
            return null;
        }
        try {
            return JSON.readValue(output, ReviewRoutes.Outcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + evaluated.getDecisionId() + " gave " + output
                    + ", not a route (experts, passScore, specialAudit): " + e.getOriginalMessage(), e);
        }
    }

    static DecisionRow row(EvaluateDecisionResponse evaluated) {
        EvaluatedDecision decision = evaluated.getEvaluatedDecisions().stream()
                .filter(d -> d.getDecisionId().equals(evaluated.getDecisionId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("decision " + evaluated.getDecisionId() + " not evaluated"));
        MatchedDecisionRule rule = decision.getMatchedRules().stream().findFirst().orElse(null);
        return new DecisionRow(evaluated.getDecisionId(), evaluated.getDecisionVersion(),
                evaluated.getDecisionKey(), rule == null ? "no row matched" : rule.getRuleId(),
                rule == null ? 0 : rule.getRuleIndex());
    }
}
