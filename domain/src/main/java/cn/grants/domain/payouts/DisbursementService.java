package cn.grants.domain.payouts;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.CaseCalculations;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.domain.rounds.StagePlan;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tranches of a case and, when a condition fails, the clawback of what was paid. Idempotent per case. */
@Service
public class DisbursementService {

    private final AuditTrail audit;
    private final TrancheRepository tranches;
    private final ClawbackRepository clawbacks;
    private final PayoutRepository payouts;
    private final GrantCaseRepository cases;
    private final PolicyCatalogue catalogue;
    private final BudgetService budgets;
    private final Clock clock;
    private final CaseCalculations calculations;
    private final FundingRoundRepository rounds;

    public DisbursementService(TrancheRepository tranches, ClawbackRepository clawbacks, PayoutRepository payouts,
            GrantCaseRepository cases, PolicyCatalogue catalogue, BudgetService budgets, Clock clock, AuditTrail audit,
            CaseCalculations calculations, FundingRoundRepository rounds) {
        this.rounds = rounds;
        this.calculations = calculations;
        this.audit = audit;
        this.budgets = budgets;
        this.tranches = tranches;
        this.clawbacks = clawbacks;
        this.payouts = payouts;
        this.cases = cases;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Plans the case's tranches from its approved amount once; later calls return the same plan. */
    @Transactional
    public List<Tranche> plan(UUID caseId) {
        GrantCase grantCase = lock(caseId);
        List<Tranche> existing = tranches.findByCaseIdOrderByNumber(caseId);
        if (!existing.isEmpty()) {
            return existing;
        }
        // a soft limit an officer exceeded with a second officer's approval (e.g. more years) shapes the tranches
        Measure measure = calculations.effective(grantCase, catalogue.find(grantCase.getMeasureId())
                .orElseThrow(() -> new IllegalStateException("measure " + grantCase.getMeasureId() + " left the catalogue")));
        BigDecimal approved = grantCase.getApprovedAmount() != null ? grantCase.getApprovedAmount()
                : grantCase.getCalculatedAmount();
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        // how the case's round pays the measure by stages (里程碑式 / 赛马式), if it does: round data, not a constant
        StagePlan stages = grantCase.getRoundId() == null ? null : rounds.findById(grantCase.getRoundId())
                .flatMap(r -> r.stagePlan(measure.id())).orElse(null);
        for (TranchePlanner.Planned p : TranchePlanner.plan(measure, approved, start, stages)) {
            tranches.save(new Tranche(caseId, p.number(), p.kind(), p.amount(), p.due()));
        }
        tranches.flush();
        List<Tranche> planned = tranches.findByCaseIdOrderByNumber(caseId);
        audit.system("plan-tranches", caseId, planned.size() + " tranches of " + approved.toPlainString() + ": "
                + planned.stream().map(t -> t.getNumber() + "=" + t.getAmount().toPlainString()).toList());
        return planned;
    }

    /**
     * 赛马: an officer's stage review stops the competitor before tranche {@code number}: that tranche and the later
     * ones are cancelled (their share goes back to the budget when the case ends STOPPED); what was paid stands and is
     * not clawed back. Idempotent.
     */
    @Transactional
    public void stopBeforeStage(UUID caseId, int number, String officer, String reason) {
        lock(caseId);
        List<Tranche> cancelled = tranches.findByCaseIdOrderByNumber(caseId).stream()
                .filter(t -> t.getNumber() >= number && t.getStatus() == Tranche.Status.PLANNED).toList();
        if (cancelled.stream().anyMatch(t -> t.getKind() != Tranche.Kind.STAGE)) {
            throw new IllegalStateException("tranche " + number + " of case " + caseId + " is not a stage of a race");
        }
        cancelled.forEach(Tranche::cancelled);
        audit.acted(officer, "stop-at-stage", caseId, "stopped before stage " + number + ", "
                + cancelled.size() + " stage(s) not funded, the stages paid stand: " + reason);
    }

    @Transactional(readOnly = true)
    public List<Tranche> tranches(UUID caseId) {
        return tranches.findByCaseIdOrderByNumber(caseId);
    }

    /**
     * A condition failed: the tranches not paid are cancelled (the unpaid remainder of the commitment goes back to
     * the budget; what was paid stays committed), and what was paid is demanded back.
     *
     * @return the amount to claw back (0.00 when nothing was paid)
     */
    @Transactional
    public BigDecimal assessClawback(UUID caseId, String reason) {
        GrantCase grantCase = lock(caseId);
        Instant now = clock.instant();
        tranches.findByCaseIdOrderByNumber(caseId).forEach(Tranche::cancelled);
        budgets.release(caseId);
        BigDecimal paid = Money.round(payouts.totalPaid(caseId));
        if (paid.signum() <= 0) {
            return paid;
        }
        Clawback clawback = clawbacks.findByCaseId(caseId).orElseGet(() -> clawbacks.saveAndFlush(
                new Clawback(caseId, paid, reason == null ? "disbursement condition not met" : reason, now)));
        grantCase.clawbackDemanded(clawback.getAmount(), now);
        audit.system("assess-clawback", caseId, "clawback of " + clawback.getAmount().toPlainString() + " demanded: "
                + clawback.getReason());
        return clawback.getAmount();
    }

    /**
     * Finance confirms the money demanded back was recovered: the amount is recorded on the clawback and on the
     * case's commitment, where it stays committed (recovered money is remitted to the treasury, 缴回国库; it never
     * returns to the budget it was committed from). Idempotent.
     */
    @Transactional
    public Clawback recovered(UUID caseId, String by) {
        lock(caseId);
        Clawback clawback = clawbacks.findByCaseId(caseId)
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no clawback"));
        clawback.recovered(by, clock.instant());
        budgets.recovered(caseId, clawback.getRecoveredAmount());
        return clawback;
    }

    private GrantCase lock(UUID caseId) {
        return cases.lockById(caseId).orElseThrow(() -> new NoSuchElementException("no case " + caseId));
    }
}
