package cn.grants.workers.rounds;

import cn.grants.domain.rounds.BatchDecisionService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code check-round-reviews}: whether every case of the round has left formal check, review and audit. */
@Component
public class CheckRoundReviewsWorker {

    private final BatchDecisionService rounds;

    public CheckRoundReviewsWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "check-round-reviews", fetchVariables = "roundId")
    public Map<String, Object> checkRoundReviews(@Variable String roundId) {
        return Map.of("reviewsComplete", rounds.reviewsComplete(UUID.fromString(roundId)));
    }
}
