package cn.grants.workers.rounds;

import cn.grants.domain.rounds.BatchDecisionService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code close-round-intake}: the window closed; the round takes no more applications and moves to review. */
@Component
public class CloseRoundIntakeWorker {

    private final BatchDecisionService rounds;

    public CloseRoundIntakeWorker(BatchDecisionService rounds) {
        this.rounds = rounds;
    }

    @JobWorker(type = "close-round-intake", fetchVariables = "roundId")
    public void closeRoundIntake(@Variable String roundId) {
        rounds.closeIntake(UUID.fromString(roundId));
    }
}
