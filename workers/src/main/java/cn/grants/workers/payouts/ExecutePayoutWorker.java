package cn.grants.workers.payouts;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.money.Money;
import cn.grants.domain.payouts.PayoutRefusedException;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.workers.Refusals;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code execute-payout}: issues the payment instruction of one tranche, only as far as the recorded decisions back
 * it (the tranche planned for the case, due, unpaid, with its finance approvals recorded through the task inbox; see
 * {@link PayoutService#pay}). A payment they do not back makes no instruction: the refusal is written to the audit
 * log and the job fails at once with the reason (no retries: retrying cannot make it right). The idempotency key is
 * case + element + tranche, so a retry, a second activation of the same job or a crash after paying but before
 * completing returns the instruction already made.
 */
@Component
public class ExecutePayoutWorker {

    /** The task's inputs; the amount is checked against the recorded tranche, never taken from here. */
    public record Tranche(String caseId, Integer tranche, String trancheAmount) {
    }

    private final PayoutService payouts;
    private final Refusals refusals;

    public ExecutePayoutWorker(PayoutService payouts, Refusals refusals) {
        this.payouts = payouts;
        this.refusals = refusals;
    }

    @JobWorker(type = "execute-payout", fetchVariables = {"caseId", "tranche", "trancheAmount"})
    public Map<String, Object> executePayout(ActivatedJob job, @VariablesAsType Tranche tranche) {
        UUID caseId = refusals.caseId(job, tranche.caseId());
        int number = tranche.tranche() == null ? 1 : tranche.tranche();
        try {
            PayoutService.Result result = AuditTrail.inJob(job.getKey(), job.getType(), () -> payouts.pay(caseId,
                    job.getElementId(), number,
                    tranche.trancheAmount() == null ? null : Money.parse("trancheAmount", tranche.trancheAmount())));
            return Map.of("payoutId", result.payout().getId().toString());
        } catch (PayoutRefusedException e) {
            throw refusals.refuse(job, caseId, "payment refused: " + e.getMessage());
        } catch (cn.grants.domain.money.InvalidAmountException e) {
            throw refusals.refuse(job, caseId, "payment refused: " + e.getMessage());
        }
    }
}
