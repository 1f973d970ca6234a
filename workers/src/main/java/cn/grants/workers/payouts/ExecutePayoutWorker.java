package cn.grants.workers.payouts;

import cn.grants.domain.money.Money;
import cn.grants.domain.payouts.PayoutService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code execute-payout}: issues the payment instruction of one tranche. The idempotency key is case + element +
 * tranche, so a retry, a second activation of the same job or a crash after paying but before completing returns
 * the instruction already made.
 */
@Component
public class ExecutePayoutWorker {

    /** The task's inputs. */
    public record Tranche(String caseId, Integer tranche, String trancheAmount) {
    }

    private final PayoutService payouts;

    public ExecutePayoutWorker(PayoutService payouts) {
        this.payouts = payouts;
    }

    @JobWorker(type = "execute-payout", fetchVariables = {"caseId", "tranche", "trancheAmount"})
    public Map<String, Object> executePayout(ActivatedJob job, @VariablesAsType Tranche tranche) {
        int number = tranche.tranche() == null ? 1 : tranche.tranche();
        PayoutService.Result result = payouts.pay(UUID.fromString(tranche.caseId()), job.getElementId(), number,
                Money.parse("trancheAmount", tranche.trancheAmount()));
        return Map.of("payoutId", result.payout().getId().toString());
    }
}
