package cn.grants.workers.experts;

import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.experts.ScoreAggregation;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code aggregate-scores}: the panel's result — the mean of the experts' weighted scores, dropping the highest and
 * the lowest when five or more scored — against the round's pass score. The result is kept on the case.
 */
@Component
public class AggregateScoresWorker {

    public record Scores(String caseId, List<Object> scores, Object passScore) {
    }

    private final GrantCaseRepository cases;
    private final Clock clock;

    public AggregateScoresWorker(GrantCaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @JobWorker(type = "aggregate-scores", fetchVariables = {"caseId", "scores", "passScore"})
    @Transactional
    public Map<String, Object> aggregateScores(@VariablesAsType Scores input) {
        List<BigDecimal> scores = input.scores().stream().map(s -> new BigDecimal(s.toString())).toList();
        ScoreAggregation.Result result = ScoreAggregation.aggregate(scores);
        BigDecimal pass = new BigDecimal(input.passScore().toString());
        boolean passed = result.score().compareTo(pass) >= 0;
        cases.lockById(UUID.fromString(input.caseId()))
                .orElseThrow(() -> new NoSuchElementException("no case " + input.caseId()))
                .reviewed(result.score(), clock.instant());
        Map<String, Object> out = new HashMap<>();
        out.put("reviewScore", result.score().toPlainString());
        out.put("reviewPassed", passed);
        out.put("lastActor", "system");
        out.put("rejectionReason", passed ? null : "专家评审未通过 review score " + result.score().toPlainString()
                + " (" + describe(result) + ") is below the pass score " + pass.stripTrailingZeros().toPlainString());
        return out;
    }

    private static String describe(ScoreAggregation.Result r) {
        String counted = "mean of " + r.counted().stream().map(BigDecimal::toPlainString).toList();
        return r.dropped().isEmpty() ? counted
                : counted + ", dropped " + r.dropped().stream().map(BigDecimal::toPlainString).toList();
    }
}
