package cn.grants.workers.rounds;

import cn.grants.domain.rounds.BatchDecisionService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code close-round}: every listed case finished its publicity and disbursement; the round is closed (办结). */
@Component
public class CloseRoundWorker {

    private final BatchDecisionService rounds;

    public CloseRoundWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "close-round", fetchVariables = "roundId")
    public void closeRound(@Variable String roundId) {
        rounds.close(UUID.fromString(roundId));
    }
}
