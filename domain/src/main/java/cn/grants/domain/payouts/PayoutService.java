package cn.grants.domain.payouts;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the payment instruction of a tranche exactly once, and only when the recorded decisions back it. The
 * authority is what PostgreSQL holds, never the job's variables: the tranche planned for the case, due and unpaid,
 * and the finance approvals recorded through the task inbox ({@link #approve}); the amount paid is the tranche's
 * recorded amount. The idempotency key is case + element + tranche; the database's unique constraints (key; case and
 * tranche) make a retry, a duplicate job activation or a crash between paying and completing the job return the
 * instruction already made instead of paying again.
 */
@Service
public class PayoutService {

    private final AuditTrail audit;
    private final PayoutRepository payouts;
    private final GrantCaseRepository cases;
    private final Clock clock;
    private final TrancheRepository tranches;
    private final TrancheApprovalRepository approvals;

    public PayoutService(PayoutRepository payouts, GrantCaseRepository cases, TrancheRepository tranches,
            TrancheApprovalRepository approvals, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.tranches = tranches;
        this.payouts = payouts;
        this.cases = cases;
        this.approvals = approvals;
        this.clock = clock;
    }

    public static String idempotencyKey(UUID caseId, String elementId, int tranche) {
        return caseId + ":" + elementId + ":" + tranche;
    }

    public record Result(Payout payout, boolean created) {
    }

    /**
     * Records a finance officer's approval of a tranche (from the approval task of the inbox), with the officer's
     * approval limit at that moment. A second approval must come from another officer. Recording the same level
     * again (a retried request) keeps the first record.
     */
    @Transactional
    public TrancheApproval approve(UUID caseId, int trancheNumber, TrancheApproval.Level level, String approver,
            BigDecimal approverLimit, UUID taskId) {
        Tranche tranche = tranches.findByCaseIdAndNumber(caseId, trancheNumber).orElseThrow(
                () -> new PayoutRefusedException(caseId, "case " + caseId + " has no tranche " + trancheNumber));
        if (tranche.getStatus() != Tranche.Status.PLANNED) {
            throw new PayoutRefusedException(caseId, "tranche " + trancheNumber + " is " + tranche.getStatus());
        }
        Optional<TrancheApproval> existing = approvals.findByCaseIdAndTrancheNumberAndLevel(caseId, trancheNumber,
                level);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (level == TrancheApproval.Level.SECOND) {
            approvals.findByCaseIdAndTrancheNumberAndLevel(caseId, trancheNumber, TrancheApproval.Level.FIRST)
                    .filter(first -> !first.getApprover().equals(approver)).orElseThrow(
                            () -> new PayoutRefusedException(caseId, "the second approval of tranche " + trancheNumber
                                    + " needs a first approval by another finance officer"));
        }
        return approvals.saveAndFlush(new TrancheApproval(caseId, trancheNumber, level, approver, approverLimit,
                tranche.getAmount(), taskId, clock.instant()));
    }

    /**
     * Pays a tranche the recorded decisions back.
     *
     * @param requestedAmount the amount the process asks for, or {@code null}; it must equal the recorded amount
     * @throws PayoutRefusedException when the tranche does not exist, is not due, was cancelled, lacks the recorded
     *     approvals, or the case has ended; nothing is written then
     */
    @Transactional
    public Result pay(UUID caseId, String elementId, int trancheNumber, BigDecimal requestedAmount) {
        GrantCase grantCase = cases.lockById(caseId)
                .orElseThrow(() -> new PayoutRefusedException(caseId, "no case " + caseId));
        Optional<Payout> made = payouts.findByCaseIdAndTranche(caseId, trancheNumber);
        if (made.isPresent()) {
            // a retry, a second activation or a crash between paying and completing the job: the instruction stands
            return new Result(made.get(), false);
        }
        Instant now = clock.instant();
        BigDecimal amount = authorizedAmount(grantCase, trancheNumber, requestedAmount, now);
        GrantCase.Payee payee = grantCase.payee();
        int created = payouts.instruct(UUID.randomUUID(), caseId, trancheNumber, amount,
                payee.accountName() != null ? payee.accountName() : grantCase.getApplicantName(),
                grantCase.getCreditCode(), idempotencyKey(caseId, elementId, trancheNumber), now, payee.account(),
                payee.bank(), payee.bankCode());
        Payout payout = payouts.findByCaseIdAndTranche(caseId, trancheNumber).orElseThrow();
        grantCase.paid(Money.round(payouts.totalPaid(caseId)), now);
        tranches.findByCaseIdAndNumber(caseId, trancheNumber).ifPresent(Tranche::paid);
        if (created == 1) {
            audit.system("execute-payout", caseId, "payment instruction " + payout.getId() + ": tranche "
                    + trancheNumber + ", " + amount.toPlainString() + " yuan to account " + payee.account());
        }
        return new Result(payout, created == 1);
    }

    private BigDecimal authorizedAmount(GrantCase grantCase, int number, BigDecimal requested, Instant now) {
        UUID caseId = grantCase.getId();
        if (grantCase.hasEnded()) {
            throw new PayoutRefusedException(caseId, "case " + caseId + " has ended (" + grantCase.getStatus() + ")");
        }
        Tranche tranche = tranches.findByCaseIdAndNumber(caseId, number).orElseThrow(
                () -> new PayoutRefusedException(caseId, "case " + caseId + " has no tranche " + number));
        if (tranche.getStatus() != Tranche.Status.PLANNED) {
            throw new PayoutRefusedException(caseId, "tranche " + number + " of case " + caseId + " is "
                    + tranche.getStatus());
        }
        if (tranche.getDue() != null && tranche.getDue().isAfter(now)) {
            throw new PayoutRefusedException(caseId, "tranche " + number + " of case " + caseId + " is not due before "
                    + tranche.getDue());
        }
        BigDecimal amount = Money.round(tranche.getAmount());
        if (requested != null && Money.round(requested).compareTo(amount) != 0) {
            throw new PayoutRefusedException(caseId, "the process asks " + Money.round(requested).toPlainString()
                    + " for tranche " + number + " of case " + caseId + ", the recorded amount is "
                    + amount.toPlainString());
        }
        TrancheApproval first = approvals.findByCaseIdAndTrancheNumberAndLevel(caseId, number,
                TrancheApproval.Level.FIRST).orElseThrow(() -> new PayoutRefusedException(caseId,
                        "tranche " + number + " of case " + caseId + " has no recorded finance approval"));
        if (first.getAmount().compareTo(amount) != 0) {
            throw new PayoutRefusedException(caseId, "the finance approval of tranche " + number + " was for "
                    + first.getAmount().toPlainString() + ", the tranche is " + amount.toPlainString());
        }
        if (first.covers(amount)) {
            return amount;
        }
        TrancheApproval second = approvals.findByCaseIdAndTrancheNumberAndLevel(caseId, number,
                TrancheApproval.Level.SECOND).orElseThrow(() -> new PayoutRefusedException(caseId,
                        "tranche " + number + " of case " + caseId + " (" + amount.toPlainString() + ") is above "
                                + first.getApprover() + "'s limit and has no recorded second approval"));
        if (second.getApprover().equals(first.getApprover()) || !second.covers(amount)
                || second.getAmount().compareTo(amount) != 0) {
            throw new PayoutRefusedException(caseId, "the second approval of tranche " + number + " of case " + caseId
                    + " does not back " + amount.toPlainString() + " (by " + second.getApprover() + ", limit "
                    + second.getApproverLimit().toPlainString() + ")");
        }
        return amount;
    }
}
