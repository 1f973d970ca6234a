package cn.grants.api.decisions;

import cn.grants.domain.models.DecisionRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.response.MatchedDecisionRule;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finance approval routing (资金拨付审批权限), a decision the process owner owns: {@code finance-approval.dmn} says
 * which finance users may approve which amount and when a second approver (复核) is needed. The engine evaluates it
 * when a finance officer approves a tranche; the approval records the limit it gave and the row that applied.
 */
@Component
public class FinanceApprovalRouting {

    public static final String DECISION = "finance-approval";

    /** The level of an approval: the first one, or the second approver's (复核). */
    public enum Level { FIRST, SECOND }

    /** What the decision gave for one approver and amount, and which row. */
    public record Routing(boolean mayApprove, BigDecimal approvalLimit, boolean secondApprovalRequired,
            DecisionRow row) {
    }

    record Output(Boolean mayApprove, BigDecimal approvalLimit, Boolean secondApprovalRequired) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private final CamundaClient camunda;

    public FinanceApprovalRouting(CamundaClient camunda) {
        this.camunda = camunda;
    }

    /**
     * @throws IllegalStateException when the decision is not deployed, fails, or gives no complete answer (the API
     *         answers 503: nobody approves money on a rule that could not be read)
     */
    public Routing route(Level level, String approver, BigDecimal amount) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("level", level.name());
        input.put("approver", approver);
        input.put("amount", amount);
        EvaluateDecisionResponse evaluated;
        try {
            evaluated = camunda.newEvaluateDecisionCommand().decisionId(DECISION).variables(input).send().join();
        } catch (RuntimeException e) {
            throw new IllegalStateException("decision " + DECISION + " could not be evaluated: " + e.getMessage(), e);
        }
        if (evaluated.getFailureMessage() != null && !evaluated.getFailureMessage().isBlank()) {
            throw new IllegalStateException("decision " + DECISION + " failed: " + evaluated.getFailureMessage());
        }
        Output out;
        try {
            String raw = evaluated.getDecisionOutput();
            out = raw == null || raw.equals("null") ? null : JSON.readValue(raw, Output.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision " + DECISION + " gave " + evaluated.getDecisionOutput()
                    + ", not mayApprove/approvalLimit/secondApprovalRequired", e);
        }
        if (out == null || out.mayApprove() == null || out.approvalLimit() == null
                || out.secondApprovalRequired() == null) {
            throw new IllegalStateException("decision " + DECISION + " v" + evaluated.getDecisionVersion()
                    + " gave no complete answer for " + input + ": " + evaluated.getDecisionOutput()
                    + " (give it a last row with '-' everywhere)");
        }
        MatchedDecisionRule rule = evaluated.getEvaluatedDecisions().stream()
                .filter(d -> d.getDecisionId().equals(DECISION)).flatMap(d -> d.getMatchedRules().stream())
                .findFirst().orElse(null);
        DecisionRow row = new DecisionRow(DECISION, evaluated.getDecisionVersion(), evaluated.getDecisionKey(),
                rule == null ? "no row matched" : rule.getRuleId(), rule == null ? 0 : rule.getRuleIndex());
        return new Routing(out.mayApprove(), out.approvalLimit().setScale(2, java.math.RoundingMode.HALF_UP),
                out.secondApprovalRequired(), row);
    }
}
