package cn.grants.domain.budgets;

import static cn.grants.domain.money.Money.format;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.catalogue.BatchCut;

import cn.grants.domain.money.Money;
import cn.grants.domain.persistence.InLists;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Budgets and commitments. Every commitment and release takes the budget row's lock first (and reads the row as it
 * is then), so concurrent approvals are serialised and never commit more than the budget; the table's check
 * constraint backs this up. The budget is conserved: a case that ends releases only what was not paid (paid money
 * stays committed, also when a clawback recovers it), so per budget {@code committed} = the sum of its commitments
 * and every paid yuan is committed.
 */
@Service
public class BudgetService {

    private final AuditTrail audit;
    private final BudgetRepository budgets;
    private final CommitmentRepository commitments;
    private final Clock clock;
    private final EntityManager entityManager;

    public BudgetService(BudgetRepository budgets, CommitmentRepository commitments, Clock clock,
            EntityManager entityManager, AuditTrail audit) {
        this.audit = audit;
        this.budgets = budgets;
        this.commitments = commitments;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /** Sets (or resizes) a programme's budget for a year; it cannot shrink below what is already committed. */
    @Transactional
    public Budget set(String programme, int year, BigDecimal amount) {
        BigDecimal value = Money.round(amount);
        Instant now = clock.instant();
        Optional<Budget> existing = lock(programme, year);
        if (existing.isEmpty()) {
            return budgets.saveAndFlush(new Budget(programme, year, value, now));
        }
        Budget budget = existing.get();
        if (value.compareTo(budget.getCommitted()) < 0) {
            throw new IllegalArgumentException("amount " + value.toPlainString() + " is below the "
                    + budget.getCommitted().toPlainString() + " already committed");
        }
        budget.resize(value, now);
        return budget;
    }

    public Optional<Budget> find(String programme, int year) {
        return budgets.findByProgrammeAndYear(programme, year);
    }

    public List<Budget> all() {
        return budgets.findAllByOrderByYearDescProgrammeAsc();
    }

    /**
     * Commits one case's whole amount. Idempotent per case: committing it again returns the first commitment.
     *
     * @return the commitment, or empty when the programme has no budget for the year (no limit is set)
     * @throws BudgetExceededException when less than the amount is left (the caller's transaction stays usable)
     */
    @Transactional(noRollbackFor = BudgetExceededException.class)
    public Optional<Commitment> commit(String programme, int year, UUID caseId, BigDecimal amount) {
        Optional<Budget> locked = lock(programme, year);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        Budget budget = locked.get();
        Optional<Commitment> existing = commitments.findByBudgetIdAndCaseId(budget.getId(), caseId)
                .filter(Commitment::holds);
        if (existing.isPresent()) {
            return existing;
        }
        BigDecimal value = Money.round(amount);
        if (value.compareTo(budget.remaining()) > 0) {
            throw new BudgetExceededException(programme, year, value, budget.remaining());
        }
        return Optional.of(record(budget, caseId, value, value));
    }

    /** The pro-rata plan of a batch, without committing anything (what the officer sees before confirming). */
    @Transactional(readOnly = true)
    public BatchPlan preview(String programme, int year, Map<UUID, BigDecimal> requests) {
        return preview(programme, year, requests, BatchCut.PRO_RATA, Map.of());
    }

    /**
     * The plan of a batch cut as the measure's {@link BatchCut} says, without committing anything.
     *
     * @param scores the cases' expert scores (for a ranked cut; a case without one ranks last)
     */
    @Transactional(readOnly = true)
    public BatchPlan preview(String programme, int year, Map<UUID, BigDecimal> requests, BatchCut method,
            Map<UUID, BigDecimal> scores) {
        Budget budget = budgets.findByProgrammeAndYear(programme, year)
                .orElseThrow(() -> new IllegalArgumentException("no budget for " + programme + "/" + year));
        return plan(budget, requests, method, scores);
    }

    /** Commits a batch as planned under the budget's lock (the plan is recomputed: what is left may have changed). */
    @Transactional
    public BatchPlan commitBatch(String programme, int year, Map<UUID, BigDecimal> requests) {
        return commitBatch(programme, year, requests, BatchCut.PRO_RATA, Map.of());
    }

    /** As {@link #commitBatch(String, int, Map)}, cut as the measure's {@link BatchCut} says. */
    @Transactional
    public BatchPlan commitBatch(String programme, int year, Map<UUID, BigDecimal> requests, BatchCut method,
            Map<UUID, BigDecimal> scores) {
        Budget budget = lock(programme, year)
                .orElseThrow(() -> new IllegalArgumentException("no budget for " + programme + "/" + year));
        // the batch's commitments against this budget, read a thousand cases at a time: one that holds is kept (a
        // retried job), a released one is replaced
        Map<UUID, Commitment> existing = new java.util.HashMap<>();
        for (List<UUID> chunk : InLists.chunks(List.copyOf(requests.keySet()))) {
            commitments.findByBudgetIdAndCaseIdIn(budget.getId(), chunk).forEach(c -> existing.put(c.getCaseId(), c));
        }
        Map<UUID, BigDecimal> fresh = new java.util.LinkedHashMap<>();
        requests.forEach((caseId, amount) -> {
            Commitment found = existing.get(caseId);
            if (found == null || !found.holds()) {
                fresh.put(caseId, amount);
            }
        });
        BatchPlan plan = plan(budget, fresh, method, scores);
        List<Commitment> replaced = new ArrayList<>();
        List<Commitment> recorded = new ArrayList<>();
        for (BatchPlan.Line line : plan.lines()) {
            budget.commit(line.committed(), clock.instant());
            if (existing.containsKey(line.caseId())) {
                replaced.add(existing.get(line.caseId()));
            }
            recorded.add(new Commitment(budget.getId(), line.caseId(), line.requested(), line.committed(),
                    clock.instant()));
        }
        // the released rows go before their replacements are written: one row per budget and case
        commitments.deleteAll(replaced);
        commitments.flush();
        commitments.saveAll(recorded);
        commitments.flush();
        return plan;
    }

    /**
     * The case ended (an upheld objection, a rejection, a finance refusal, a stop, a clawback): its commitments keep
     * what was paid to it and release only the unpaid remainder to their budgets. Idempotent: releasing again frees
     * nothing more.
     *
     * @return what went back to the budgets
     */
    @Transactional
    public BigDecimal release(UUID caseId) {
        BigDecimal freed = Money.ZERO;
        for (Long budgetId : commitments.budgetIdsOfCase(caseId)) {
            Budget budget = lockById(budgetId);
            // read under the budget's lock: the case cannot be paid once it has ended (PayoutService)
            BigDecimal paid = Money.round(commitments.paidToCase(caseId));
            for (Commitment c : live(budgetId, caseId)) {
                BigDecimal back = c.settle(paid);
                paid = paid.subtract(c.getCommitted());
                budget.release(back, clock.instant());
                freed = freed.add(back);
            }
        }
        commitments.flush();
        if (freed.signum() > 0) {
            audit.system("release-commitment", caseId, Money.round(freed).toPlainString()
                    + " yuan unpaid went back to the budget");
        }
        return Money.round(freed);
    }

    /**
     * A clawback recovered paid money: recorded on the case's commitment. It stays committed (paid money never
     * returns to a budget; recovered money is remitted to the treasury, 缴回国库).
     */
    @Transactional
    public void recovered(UUID caseId, BigDecimal amount) {
        for (Long budgetId : commitments.budgetIdsOfCase(caseId)) {
            lockById(budgetId);
            BigDecimal left = Money.round(amount);
            for (Commitment c : live(budgetId, caseId)) {
                c.recovered(left);
                left = left.subtract(c.getRecovered());
            }
        }
        commitments.flush();
    }

    /** The case's commitments against a budget that hold money, as they are (call with the budget locked). */
    private List<Commitment> live(Long budgetId, UUID caseId) {
        return commitments.findByBudgetIdAndCaseId(budgetId, caseId).filter(Commitment::holds).stream()
                .peek(entityManager::refresh).toList();
    }

    /** The budget row, locked, as it is now (not as this transaction may have read it before the lock). */
    private Optional<Budget> lock(String programme, int year) {
        entityManager.flush();
        Optional<Budget> locked = budgets.lock(programme, year);
        locked.ifPresent(entityManager::refresh);
        return locked;
    }

    private Budget lockById(Long id) {
        entityManager.flush();
        Budget budget = budgets.lockById(id).orElseThrow();
        entityManager.refresh(budget);
        return budget;
    }

    private Commitment record(Budget budget, UUID caseId, BigDecimal requested, BigDecimal committed) {
        budget.commit(committed, clock.instant());
        Optional<Commitment> released = commitments.findByBudgetIdAndCaseId(budget.getId(), caseId);
        released.ifPresent(commitments::delete);
        commitments.flush();
        return commitments.saveAndFlush(new Commitment(budget.getId(), caseId, requested, committed, clock.instant()));
    }

    static BatchPlan plan(Budget budget, Map<UUID, BigDecimal> requests) {
        return plan(budget, requests, BatchCut.PRO_RATA, Map.of());
    }

    public static BatchPlan plan(Budget budget, Map<UUID, BigDecimal> requests, BatchCut method,
            Map<UUID, BigDecimal> scores) {
        BigDecimal requested = Money.round(requests.values().stream().map(Money::round)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal remaining = budget.remaining();
        boolean cut = requested.compareTo(remaining) > 0;
        if (cut && method == BatchCut.RANKED) {
            return ranked(budget, requests, scores, requested, remaining);
        }
        BigDecimal ratio = !cut ? BigDecimal.ONE
                : remaining.divide(requested, new MathContext(12, RoundingMode.DOWN));
        List<BatchPlan.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<UUID, BigDecimal> e : requests.entrySet()) {
            BigDecimal asked = Money.round(e.getValue());
            BigDecimal granted = cut ? Money.round(asked.multiply(ratio)) : asked;
            lines.add(new BatchPlan.Line(e.getKey(), asked, granted));
            total = total.add(granted);
        }
        String explanation = cut
                ? "oversubscribed: requested " + format(requested) + " > remaining " + format(remaining)
                        + "; each case × " + ratio.stripTrailingZeros().toPlainString() + " (按比例核减), commits "
                        + format(total)
                : "requested " + format(requested) + " ≤ remaining " + format(remaining) + "; no cut";
        return new BatchPlan(budget.getProgramme(), budget.getYear(), budget.getAmount(), remaining, requested,
                ratio.stripTrailingZeros(), cut, Money.round(total), List.copyOf(lines), explanation,
                BatchCut.PRO_RATA);
    }

    /**
     * 择优: a stated award is never cut. The cases in order of their expert score (higher first; equal scores, and
     * cases without one, in application order) are funded in full while what remains covers them; a case it does not
     * cover gets nothing in this batch, and a later one that fits is still funded.
     */
    private static BatchPlan ranked(Budget budget, Map<UUID, BigDecimal> requests, Map<UUID, BigDecimal> scores,
            BigDecimal requested, BigDecimal remaining) {
        List<UUID> order = new ArrayList<>(requests.keySet());
        order.sort(java.util.Comparator.comparing((UUID id) -> scores.get(id),
                java.util.Comparator.nullsLast(java.util.Comparator.<BigDecimal>reverseOrder())));
        Map<UUID, BigDecimal> granted = new java.util.HashMap<>();
        BigDecimal left = remaining;
        int funded = 0;
        for (UUID id : order) {
            BigDecimal asked = Money.round(requests.get(id));
            if (asked.compareTo(left) <= 0) {
                granted.put(id, asked);
                left = left.subtract(asked);
                funded++;
            } else {
                granted.put(id, Money.ZERO);
            }
        }
        List<BatchPlan.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<UUID, BigDecimal> e : requests.entrySet()) {
            lines.add(new BatchPlan.Line(e.getKey(), Money.round(e.getValue()), granted.get(e.getKey())));
            total = total.add(granted.get(e.getKey()));
        }
        String explanation = "oversubscribed: requested " + format(requested) + " > remaining " + format(remaining)
                + "; the award is stated, so it is not cut: " + BatchCut.RANKED.label() + ", " + funded + " of "
                + requests.size() + " cases funded in full in order of expert score, commits " + format(total)
                + "; the others get nothing in this batch";
        return new BatchPlan(budget.getProgramme(), budget.getYear(), budget.getAmount(), remaining, requested,
                null, true, Money.round(total), List.copyOf(lines), explanation, BatchCut.RANKED);
    }
}
