package cn.grants.domain.payouts;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the payment instruction of a tranche exactly once. The idempotency key is case + element + tranche; the
 * database's unique constraints (key; case and tranche) make a retry, a duplicate job activation or a crash between
 * paying and completing the job return the instruction already made instead of paying again.
 */
@Service
public class PayoutService {

    private final PayoutRepository payouts;
    private final GrantCaseRepository cases;
    private final Clock clock;
    private final TrancheRepository tranches;

    public PayoutService(PayoutRepository payouts, GrantCaseRepository cases, TrancheRepository tranches, Clock clock) {
        this.tranches = tranches;
        this.payouts = payouts;
        this.cases = cases;
        this.clock = clock;
    }

    public static String idempotencyKey(UUID caseId, String elementId, int tranche) {
        return caseId + ":" + elementId + ":" + tranche;
    }

    public record Result(Payout payout, boolean created) {
    }

    @Transactional
    public Result pay(UUID caseId, String elementId, int tranche, BigDecimal amount) {
        GrantCase grantCase = cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("tranche " + tranche + " of case " + caseId + " has no positive amount");
        }
        Instant now = clock.instant();
        GrantCase.Payee payee = grantCase.payee();
        int created = payouts.instruct(UUID.randomUUID(), caseId, tranche, Money.round(amount),
                payee.accountName() != null ? payee.accountName() : grantCase.getApplicantName(),
                grantCase.getCreditCode(), idempotencyKey(caseId, elementId, tranche), now, payee.account(),
                payee.bank(), payee.bankCode());
        Payout payout = payouts.findByCaseIdAndTranche(caseId, tranche).orElseThrow();
        grantCase.paid(Money.round(payouts.totalPaid(caseId)), now);
        tranches.findByCaseIdAndNumber(caseId, tranche).ifPresent(t -> t.paid());
        return new Result(payout, created == 1);
    }
}
