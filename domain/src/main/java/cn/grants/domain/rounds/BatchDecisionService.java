package cn.grants.domain.rounds;

import cn.grants.domain.budgets.BatchPlan;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.budgets.Commitment;
import cn.grants.domain.budgets.CommitmentRepository;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The round's steps between the case reviews and the disbursement: closing the intake, knowing when every case has
 * left review, planning and committing the batch against each measure's budget (按比例核减 when oversubscribed),
 * scheduling the batch publicity and listing cases in the funding plan. Every step is idempotent: a retried job
 * finds its work done and answers the same.
 */
@Service
public class BatchDecisionService {

    private final FundingRoundRepository rounds;
    private final GrantCaseRepository cases;
    private final BudgetService budgets;
    private final CommitmentRepository commitments;
    private final FundingPlanLineRepository planLines;
    private final CaseProgress progress;
    private final Clock clock;

    public BatchDecisionService(FundingRoundRepository rounds, GrantCaseRepository cases, BudgetService budgets,
            CommitmentRepository commitments, FundingPlanLineRepository planLines, CaseProgress progress, Clock clock) {
        this.rounds = rounds;
        this.cases = cases;
        this.budgets = budgets;
        this.commitments = commitments;
        this.planLines = planLines;
        this.progress = progress;
        this.clock = clock;
    }

    @Transactional
    public void closeIntake(UUID roundId) {
        lock(roundId).intakeClosed(clock.instant());
    }

    @Transactional(readOnly = true)
    public boolean reviewsComplete(UUID roundId) {
        return cases.countInReview(roundId) == 0;
    }

    /** Plans the batch (nothing is committed) and keeps the plan on the round for the officer; true when cut. */
    @Transactional
    public boolean plan(UUID roundId) {
        FundingRound round = lock(roundId);
        List<Map<String, Object>> measures = new ArrayList<>();
        boolean oversubscribed = false;
        for (String measure : round.getMeasures()) {
            Map<UUID, BigDecimal> requests = requests(round, measure);
            BatchPlan plan = budgets.find(measure, round.getYear()).isPresent()
                    ? budgets.preview(measure, round.getYear(), requests)
                    : unlimited(measure, round.getYear(), requests);
            oversubscribed |= plan.cut();
            measures.add(describe(plan));
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("oversubscribed", oversubscribed);
        batch.put("measures", measures);
        batch.put("plannedAt", clock.instant().toString());
        round.planned(batch, clock.instant());
        return oversubscribed;
    }

    /**
     * Commits the batch: each case gets what the plan grants it (its approved amount). A case the cut leaves with
     * nothing ends, rejected with the reason. Returns the cases listed for publicity, in application order.
     */
    @Transactional
    public List<UUID> commit(UUID roundId) {
        FundingRound round = lock(roundId);
        Instant now = clock.instant();
        List<UUID> listed = new ArrayList<>();
        for (String measure : round.getMeasures()) {
            Map<UUID, BigDecimal> requests = requests(round, measure);
            if (budgets.find(measure, round.getYear()).isPresent()) {
                budgets.commitBatch(measure, round.getYear(), requests);
            }
            for (Map.Entry<UUID, BigDecimal> request : requests.entrySet()) {
                UUID caseId = request.getKey();
                BigDecimal granted = commitments.findByCaseId(caseId).stream()
                        .filter(c -> c.getStatus() == Commitment.Status.COMMITTED).map(Commitment::getCommitted)
                        .findFirst().orElse(budgets.find(measure, round.getYear()).isPresent() ? BigDecimal.ZERO
                                : request.getValue());
                GrantCase grantCase = cases.lockById(caseId).orElseThrow();
                grantCase.approved(Money.round(granted), now);
                if (granted.signum() > 0) {
                    listed.add(caseId);
                } else {
                    progress.enter(caseId, Stage.REJECTED, "system", "年度预算已用尽 the " + round.getYear()
                            + " budget of " + measure + " leaves nothing for this case", caseId + ":batch:rejected");
                }
            }
        }
        return listed;
    }

    /** The cases of a measure waiting for the batch decision, with what they asked (their calculated amount). */
    private Map<UUID, BigDecimal> requests(FundingRound round, String measure) {
        Map<UUID, BigDecimal> requests = new LinkedHashMap<>();
        for (GrantCase c : cases.findByRoundIdOrderByCreatedAt(round.getId())) {
            boolean waiting = Stage.AWAITING_BATCH.name().equals(c.getCurrentStage()) || c.getApprovedAmount() != null;
            if (c.getMeasureId().equals(measure) && waiting && c.getCalculatedAmount() != null
                    && c.getCalculatedAmount().signum() > 0 && !c.getStatus().finished()) {
                requests.put(c.getId(), c.getCalculatedAmount());
            }
        }
        return requests;
    }

    private static BatchPlan unlimited(String measure, int year, Map<UUID, BigDecimal> requests) {
        BigDecimal total = Money.round(requests.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        List<BatchPlan.Line> lines = requests.entrySet().stream()
                .map(e -> new BatchPlan.Line(e.getKey(), Money.round(e.getValue()), Money.round(e.getValue()))).toList();
        return new BatchPlan(measure, year, null, null, total, BigDecimal.ONE, false, total, lines,
                "no budget set for " + measure + "/" + year + ": no cut");
    }

    private static Map<String, Object> describe(BatchPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", plan.programme());
        m.put("year", plan.year());
        m.put("budget", plan.budget() == null ? null : plan.budget().toPlainString());
        m.put("remaining", plan.remaining() == null ? null : plan.remaining().toPlainString());
        m.put("requested", plan.requested().toPlainString());
        m.put("ratio", plan.ratio().toPlainString());
        m.put("cut", plan.cut());
        m.put("toCommit", plan.toCommit().toPlainString());
        m.put("explanation", plan.explanation());
        m.put("lines", plan.lines().stream().map(l -> Map.of("caseId", l.caseId().toString(),
                "requested", l.requested().toPlainString(), "committed", l.committed().toPlainString())).toList());
        return m;
    }

    /** The batch publicity: the round and each listed case learn when it ends; the funding plan gets its number. */
    @Transactional
    public void publicity(UUID roundId, List<UUID> listed, Instant ends) {
        FundingRound round = lock(roundId);
        Instant now = clock.instant();
        String planNumber = round.getPlanNumber() != null ? round.getPlanNumber()
                : "ZZJH-" + round.getYear() + "-" + roundId.toString().substring(0, 8).toUpperCase();
        round.publicity(ends, planNumber, now);
        for (UUID caseId : listed) {
            cases.lockById(caseId).orElseThrow().publicityScheduled(ends, now);
        }
    }

    /** Lists a case that passed its publicity in the round's funding plan (idempotent per case). */
    @Transactional
    public FundingPlanLine list(UUID roundId, UUID caseId) {
        lock(roundId);
        return planLines.findByCaseId(caseId).orElseGet(() -> {
            GrantCase grantCase = cases.findById(caseId).orElseThrow();
            int lineNo = (int) planLines.countByRoundId(roundId) + 1;
            return planLines.saveAndFlush(new FundingPlanLine(roundId, caseId, lineNo, grantCase.getApprovedAmount(),
                    clock.instant()));
        });
    }

    @Transactional
    public void close(UUID roundId) {
        lock(roundId).closed(clock.instant());
    }

    private FundingRound lock(UUID roundId) {
        return rounds.lockById(roundId).orElseThrow(() -> new NoSuchElementException("no round " + roundId));
    }
}
