package cn.grants.workers.experts;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.experts.ExpertDraw;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.experts.ScoreAggregation;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.workers.Refusals;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
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
 * the lowest when five or more scored — against the round's pass score. The result is kept on the case. The scores
 * are those the drawn experts recorded (expert_draw), and the pass score the case's recorded review route (or else the
 * round's): never the job's variables, so a
 * job cannot pass or fail a case on figures nobody recorded; a case without recorded scores is refused.
 */
@Component
public class AggregateScoresWorker {

    public record Scores(String caseId, List<Object> scores, Object passScore) {
    }

    private final GrantCaseRepository cases;
    private final ExpertDrawService experts;
    private final FundingRoundRepository rounds;
    private final Refusals refusals;
    private final Clock clock;

    public AggregateScoresWorker(GrantCaseRepository cases, ExpertDrawService experts, FundingRoundRepository rounds,
            Refusals refusals, Clock clock) {
        this.cases = cases;
        this.experts = experts;
        this.rounds = rounds;
        this.refusals = refusals;
        this.clock = clock;
    }

    @JobWorker(type = "aggregate-scores", fetchVariables = {"caseId", "scores", "passScore"})
    @Transactional
    public Map<String, Object> aggregateScores(ActivatedJob job, @VariablesAsType Scores input) {
        UUID caseId = refusals.caseId(job, input.caseId());
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        List<BigDecimal> scores = experts.draws(caseId).stream()
                .filter(d -> d.getStatus() == ExpertDraw.Status.SCORED && d.getScore() != null)
                .map(ExpertDraw::getScore).toList();
        if (scores.isEmpty()) {
            throw refusals.refuse(job, caseId, "no expert recorded a score for case " + caseId);
        }
        ScoreAggregation.Result result = ScoreAggregation.aggregate(scores);
        // the pass score of the case's recorded review route (decision review-route); a case routed before the
        // decision existed (a model version without it) is held against its round's
        BigDecimal pass = grantCase.getReviewPassScore() != null ? grantCase.getReviewPassScore()
                : grantCase.getRoundId() == null ? null
                : rounds.findById(grantCase.getRoundId()).map(FundingRound::getPassScore).orElse(null);
        if (pass == null) {
            throw refusals.refuse(job, caseId, "case " + caseId + " belongs to no round with a pass score");
        }
        boolean passed = result.score().compareTo(pass) >= 0;
        grantCase.reviewed(result.score(), clock.instant());
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
