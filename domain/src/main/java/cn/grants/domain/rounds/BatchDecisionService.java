package cn.grants.domain.rounds;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.budgets.BatchPlan;
import cn.grants.domain.catalogue.BatchCut;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.budgets.Commitment;
import cn.grants.domain.budgets.CommitmentRepository;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.DoubleFunding;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.money.Money;
import cn.grants.domain.persistence.InLists;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
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

    private final AuditTrail audit;
    private final FundingRoundRepository rounds;
    private final GrantCaseRepository cases;
    private final BudgetService budgets;
    private final CommitmentRepository commitments;
    private final FundingPlanLineRepository planLines;
    private final CaseProgress progress;
    private final EnterpriseCaps caps;
    private final EnterpriseLocks locks;
    private final Clock clock;
    private final BatchExclusionRepository exclusions;
    private final DoubleFunding doubleFunding;
    private final PolicyCatalogue catalogue;
    private final RoundBatchPlanRepository batchPlans;

    public BatchDecisionService(FundingRoundRepository rounds, GrantCaseRepository cases, BudgetService budgets,
            CommitmentRepository commitments, FundingPlanLineRepository planLines, CaseProgress progress,
            EnterpriseCaps caps, EnterpriseLocks locks, Clock clock, BatchExclusionRepository exclusions, AuditTrail audit,
            DoubleFunding doubleFunding, PolicyCatalogue catalogue, RoundBatchPlanRepository batchPlans) {
        this.batchPlans = batchPlans;
        this.doubleFunding = doubleFunding;
        this.catalogue = catalogue;
        this.audit = audit;
        this.exclusions = exclusions;
        this.caps = caps;
        this.locks = locks;
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

    /** Whether no case of the round is still in review, a case an officer excluded from the batch counting as settled. */
    @Transactional(readOnly = true)
    public boolean reviewsComplete(UUID roundId) {
        return cases.countInReview(roundId) - exclusions.countInReview(roundId) <= 0;
    }

    /** Plans the batch (nothing is committed) and keeps the plan on the round for the officer; true when cut. */
    @Transactional
    public boolean plan(UUID roundId) {
        FundingRound round = lock(roundId);
        List<Map<String, Object>> measures = new ArrayList<>();
        boolean oversubscribed = false;
        for (String measure : round.getMeasures()) {
            EnterpriseCaps.Capped capped = caps.apply(measure, requests(round, measure), false);
            Map<UUID, BigDecimal> requests = capped.requests();
            BatchPlan plan = budgeted(round, measure)
                    ? budgets.preview(measure, round.getYear(), requests, cutOf(measure), scores(requests))
                    : unlimited(measure, round.getYear(), requests, round.getUnlimitedReason());
            oversubscribed |= plan.cut();
            Map<String, Object> described = describe(plan);
            if (!capped.explanations().isEmpty()) {
                described.put("enterpriseCaps", capped.explanations().entrySet().stream()
                        .map(e -> Map.of("caseId", e.getKey().toString(), "explanation", e.getValue())).toList());
            }
            measures.add(described);
        }
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("oversubscribed", oversubscribed);
        batch.put("measures", measures);
        batch.put("plannedAt", clock.instant().toString());
        round.planned(clock.instant());
        batchPlans.findById(roundId).ifPresentOrElse(p -> p.replanned(batch, clock.instant()),
                () -> batchPlans.save(new RoundBatchPlan(roundId, batch, clock.instant())));
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
            // the enterprises' caps under their locks, then the budget under its lock
            EnterpriseCaps.Capped capped = caps.apply(measure, requests(round, measure), true);
            Map<UUID, BigDecimal> requests = new LinkedHashMap<>(capped.requests());
            // no double funding (under the enterprises' locks): a case whose enterprise was awarded the same thing
            // under a measure of its overlap group, or had it accepted earlier in this batch, is refused
            Map<UUID, String> refused = new LinkedHashMap<>();
            Set<UUID> accepted = new HashSet<>();
            // read for all of the batch's cases at once: their enterprises' applications (double funding) and
            // their commitments; a batch of 2,000 cases would otherwise read them 2,000 times each
            Map<UUID, GrantCase> byId = new java.util.HashMap<>();
            cases.findAllById(requests.keySet()).forEach(c -> byId.put(c.getId(), c));
            Map<String, List<GrantCase>> applications = new java.util.HashMap<>();
            java.util.function.Supplier<Map<String, List<GrantCase>>> enterprises = () -> {
                if (applications.isEmpty()) {
                    Set<String> codes = new java.util.TreeSet<>();
                    byId.values().forEach(c -> codes.add(c.getCreditCode()));
                    for (List<String> chunk : InLists.chunks(List.copyOf(codes))) {
                        cases.findByCreditCodeIn(chunk).forEach(c -> applications
                                .computeIfAbsent(c.getCreditCode(), k -> new ArrayList<>()).add(c));
                    }
                    applications.values().forEach(l -> l.sort(java.util.Comparator
                            .comparing(GrantCase::getCreatedAt).thenComparing(GrantCase::getId)));
                }
                return applications;
            };
            for (UUID caseId : List.copyOf(requests.keySet())) {
                GrantCase grantCase = byId.get(caseId);
                Optional<DoubleFunding.Conflict> conflict = grantCase.getApprovedAmount() != null ? Optional.empty()
                        : doubleFunding.conflict(grantCase,
                                other -> DoubleFunding.awarded(other) || accepted.contains(other.getId()),
                                () -> enterprises.get().getOrDefault(grantCase.getCreditCode(), List.of()));
                if (conflict.isPresent()) {
                    requests.remove(caseId);
                    refused.put(caseId, conflict.get().message(grantCase));
                } else {
                    accepted.add(caseId);
                }
            }
            boolean budgeted = budgeted(round, measure);
            // the cases' locks before the budget's, in one order (the database's order of their ids, a thousand at a
            // time), as everything else that changes a case and then its budget takes them (CaseProgress.enter,
            // one case at a time): no two transactions wait on each other
            Map<UUID, GrantCase> locked = new java.util.HashMap<>();
            for (List<UUID> chunk : InLists.chunks(requests.keySet().stream().sorted(BatchDecisionService::databaseOrder)
                    .toList())) {
                cases.lockAllById(chunk).forEach(c -> locked.put(c.getId(), c));
            }
            BatchPlan plan = budgeted
                    ? budgets.commitBatch(measure, round.getYear(), requests, cutOf(measure), scores(requests))
                    : null;
            // the commitments as the budget now holds them, a thousand cases at a time
            Map<UUID, List<Commitment>> commitmentsOf = new java.util.HashMap<>();
            for (List<UUID> chunk : InLists.chunks(List.copyOf(requests.keySet()))) {
                commitments.findByCaseIdIn(chunk).forEach(c -> commitmentsOf
                        .computeIfAbsent(c.getCaseId(), k -> new ArrayList<>()).add(c));
            }
            for (Map.Entry<UUID, BigDecimal> request : requests.entrySet()) {
                UUID caseId = request.getKey();
                GrantCase grantCase = locked.get(caseId);
                // decided before (a retried job): the approved amount stands, whatever its commitment kept since
                BigDecimal granted = grantCase.getApprovedAmount() != null ? grantCase.getApprovedAmount()
                        : commitmentsOf.getOrDefault(caseId, List.of()).stream()
                                .filter(c -> c.getStatus() == Commitment.Status.COMMITTED)
                                .map(Commitment::getCommitted).findFirst()
                                .orElse(budgeted ? BigDecimal.ZERO : request.getValue());
                grantCase.approved(Money.round(granted), now);
                audit.system("commit-batch", caseId, "round " + roundId + ": " + Money.round(granted).toPlainString()
                        + " approved of " + Money.round(request.getValue()).toPlainString() + " calculated ("
                        + measure + (budgeted ? "" : ", not limited by a budget") + ")");
                if (granted.signum() > 0) {
                    listed.add(caseId);
                } else {
                    String reason = capped.explanations().containsKey(caseId) ? capped.explanations().get(caseId)
                            : plan != null && plan.method() == BatchCut.RANKED
                                    ? "择优 the award of " + measure + " is stated and never cut: the " + round.getYear()
                                            + " budget funded the cases in order of expert score, in full, and did not"
                                            + " reach this case (score " + grantCase.getReviewScore() + ") in this batch"
                                    : "年度预算已用尽 the " + round.getYear() + " budget of " + measure
                                            + " leaves nothing for this case";
                    progress.enter(caseId, Stage.REJECTED, "system", reason, caseId + ":batch:rejected");
                }
            }
            refused.forEach((caseId, reason) -> {
                audit.system("commit-batch", caseId, "round " + roundId + ": refused, " + reason);
                progress.enter(caseId, Stage.REJECTED, "system", reason, caseId + ":batch:double-funding");
            });
        }
        return listed;
    }

    /**
     * Whether the measure is limited by its budget for the round's year. A measure without one needs the officer's
     * recorded no-limit decision on the round; without either nothing is decided (the job fails, an incident).
     */
    private boolean budgeted(FundingRound round, String measure) {
        if (budgets.find(measure, round.getYear()).isPresent()) {
            return true;
        }
        if (round.isUnlimited(measure)) {
            return false;
        }
        throw new IllegalStateException("measure " + measure + " of round " + round.getId() + " has no budget for "
                + round.getYear() + " and no recorded no-limit decision");
    }

    /** Why a case cannot be committed outside its round's batch decision. */
    public static class NotDecidableException extends RuntimeException {

        private final int index;

        public NotDecidableException(int index, String message) {
            super(message);
            this.index = index;
        }

        /** The position of the case in the request. */
        public int index() {
            return index;
        }
    }

    /**
     * The pro-rata plan (with the per-enterprise caps) of committing these cases of a measure, nothing committed.
     *
     * @throws NotDecidableException when a case is not awaiting a batch decision in a round of the measure and year
     */
    @Transactional(readOnly = true)
    public BatchPlan preview(String measure, int year, List<UUID> caseIds) {
        Map<UUID, BigDecimal> requests = decidable(measure, year, caseIds, false);
        Map<UUID, BigDecimal> capped = caps.apply(measure, requests, false).requests();
        return budgets.preview(measure, year, capped, cutOf(measure), scores(capped));
    }

    /**
     * An officer commits cases of a measure ahead of the round's batch decision (the round's commit-batch finds them
     * committed): only cases awaiting a batch decision in a round of that measure and year, checked under the
     * cases' locks; the per-enterprise caps under the enterprises' locks, then the budget under its lock.
     *
     * @throws NotDecidableException when a case is not awaiting a batch decision in a round of the measure and year
     */
    @Transactional
    public BatchPlan commit(String measure, int year, List<UUID> caseIds) {
        locks.lockEnterprisesOf(caseIds);
        Map<UUID, BigDecimal> requests = decidable(measure, year, caseIds, true);
        Map<UUID, BigDecimal> capped = caps.apply(measure, requests, true).requests();
        return budgets.commitBatch(measure, year, capped, cutOf(measure), scores(capped));
    }

    private Map<UUID, BigDecimal> decidable(String measure, int year, List<UUID> caseIds, boolean lock) {
        Map<UUID, BigDecimal> requests = new LinkedHashMap<>();
        for (int i = 0; i < caseIds.size(); i++) {
            UUID id = caseIds.get(i);
            GrantCase c = (lock ? cases.lockById(id) : cases.findById(id))
                    .orElseThrow(() -> new NoSuchElementException("no case " + id));
            String which = "case " + id;
            if (c.hasEnded()) {
                throw new NotDecidableException(i, which + " has ended (" + c.getStatus() + "): it is never committed");
            }
            if (c.getRoundId() == null) {
                throw new NotDecidableException(i, which + " is in no round: only a round's batch decision commits");
            }
            FundingRound round = rounds.findById(c.getRoundId()).orElseThrow();
            if (!round.getMeasures().contains(measure) || !measure.equals(c.getMeasureId())
                    || round.getYear() != year) {
                throw new NotDecidableException(i, which + " is in round " + round.getId() + " of " + round.getYear()
                        + ", not a round of " + measure + " in " + year);
            }
            if (c.getCurrentStage() != Stage.AWAITING_BATCH || c.getCalculatedAmount() == null) {
                throw new NotDecidableException(i, which + " is at " + c.getCurrentStage()
                        + ", not awaiting a batch decision");
            }
            Optional<DoubleFunding.Conflict> conflict = doubleFunding.conflict(c, DoubleFunding::awarded);
            if (conflict.isPresent()) {
                throw new NotDecidableException(i, which + ": " + conflict.get().message(c));
            }
            requests.put(id, c.requestedAmount());
        }
        return requests;
    }

    /**
     * The cases of a measure waiting for the batch decision, with what they ask: the amount an officer determined
     * within the ceiling (核定), or else the calculated amount.
     */
    private Map<UUID, BigDecimal> requests(FundingRound round, String measure) {
        Map<UUID, BigDecimal> requests = new LinkedHashMap<>();
        List<GrantCase> ofRound = cases.findByRoundIdOrderByCreatedAt(round.getId());
        Set<UUID> excluded = new HashSet<>();
        for (List<UUID> chunk : InLists.chunks(ofRound.stream().map(GrantCase::getId).toList())) {
            exclusions.findAllById(chunk).forEach(e -> excluded.add(e.getCaseId()));
        }
        for (GrantCase c : ofRound) {
            if (excluded.contains(c.getId())) {
                continue; // excluded from the batch by an officer: never planned nor committed
            }
            boolean waiting = c.getCurrentStage() == Stage.AWAITING_BATCH || c.getApprovedAmount() != null;
            if (c.getMeasureId().equals(measure) && waiting && c.getCalculatedAmount() != null
                    && c.getCalculatedAmount().signum() > 0 && !c.hasEnded()) {
                requests.put(c.getId(), c.requestedAmount()); // the determined amount (核定) where there is one
            }
        }
        return requests;
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; {@code UUID.compareTo} compares signed longs. */
    private static int databaseOrder(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** How the measure's batch is cut when short (catalogue data): pro rata, or ranked for a stated award. */
    private BatchCut cutOf(String measure) {
        return catalogue.find(measure).map(Measure::batchCut).orElse(BatchCut.PRO_RATA);
    }

    /** The expert scores of the requesting cases (a ranked cut funds the higher first). */
    private Map<UUID, BigDecimal> scores(Map<UUID, BigDecimal> requests) {
        Map<UUID, BigDecimal> scores = new java.util.HashMap<>();
        requests.keySet().forEach(id -> cases.findById(id).map(GrantCase::getReviewScore)
                .ifPresent(score -> scores.put(id, score)));
        return scores;
    }

    private static BatchPlan unlimited(String measure, int year, Map<UUID, BigDecimal> requests, String reason) {
        BigDecimal total = Money.round(requests.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        List<BatchPlan.Line> lines = requests.entrySet().stream()
                .map(e -> new BatchPlan.Line(e.getKey(), Money.round(e.getValue()), Money.round(e.getValue()))).toList();
        return new BatchPlan(measure, year, null, null, total, BigDecimal.ONE, false, total, lines,
                "not limited by a budget for " + measure + "/" + year + " (the officer's recorded decision: " + reason
                        + "): no cut", null);
    }

    private static Map<String, Object> describe(BatchPlan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", plan.programme());
        m.put("cutMethod", plan.method() == null ? null : plan.method().name());
        m.put("cutMethodName", plan.method() == null ? null : plan.method().label());
        m.put("year", plan.year());
        m.put("budget", plan.budget() == null ? null : plan.budget().toPlainString());
        m.put("remaining", plan.remaining() == null ? null : plan.remaining().toPlainString());
        m.put("requested", plan.requested().toPlainString());
        m.put("ratio", plan.ratio() == null ? null : plan.ratio().toPlainString());
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
        // the listed cases locked a thousand at a time, in the database's order of their ids (as commit locks them)
        Map<UUID, GrantCase> locked = new java.util.HashMap<>();
        for (List<UUID> chunk : InLists.chunks(listed.stream().sorted(BatchDecisionService::databaseOrder).toList())) {
            cases.lockAllById(chunk).forEach(c -> locked.put(c.getId(), c));
        }
        for (UUID caseId : listed) {
            GrantCase grantCase = locked.get(caseId);
            if (grantCase == null) {
                throw new java.util.NoSuchElementException("listed case " + caseId + " does not exist");
            }
            grantCase.publicityScheduled(ends, now);
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
