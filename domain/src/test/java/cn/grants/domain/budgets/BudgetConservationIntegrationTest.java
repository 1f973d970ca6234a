package cn.grants.domain.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.cases.StagePaths;
import cn.grants.domain.catalogue.CatalogueConfiguration;
import cn.grants.domain.config.DomainConfiguration;
import cn.grants.domain.payouts.DisbursementService;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.rounds.BatchDecisionService;
import cn.grants.domain.rounds.EnterpriseCaps;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import cn.grants.domain.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Money never beyond the budget, on the real PostgreSQL through the real services: random sequences of commits,
 * pro-rata cuts, paid tranches, finance refusals, stops, rejections, clawbacks and recoveries keep every budget
 * conserved (committed = the sum of its commitments ≤ its amount, every paid yuan committed, an ended case holding
 * exactly what it was paid); concurrent commitments for one enterprise never exceed the measure's per-enterprise cap.
 */
@SpringBootTest(classes = BudgetConservationIntegrationTest.App.class, properties = {
        "grants.embedded.enabled=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.open-in-view=false",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
class BudgetConservationIntegrationTest {

    /** 里程碑式资助: 40% on the plan, then 30% and 30% (three tranches, no due dates). */
    static final String MILESTONE = "sz-newmat-06-key-technology-open-competition";
    /** One tranche. */
    static final String ONE_OFF = "sz-equip-03-major-equipment-rd";
    /** 单个企业可资助金额不超过500万元. */
    static final String CAPPED = "sz-newmat-08-first-batch-materials";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EntityScan(basePackages = {"cn.grants.domain.audit", "cn.grants.domain.budgets", "cn.grants.domain.cases", "cn.grants.domain.payouts",
            "cn.grants.domain.rounds", "cn.grants.domain.tasks", "cn.grants.domain.notifications"})
    @EnableJpaRepositories(basePackages = {"cn.grants.domain.audit", "cn.grants.domain.budgets", "cn.grants.domain.cases",
            "cn.grants.domain.payouts", "cn.grants.domain.rounds", "cn.grants.domain.tasks",
            "cn.grants.domain.notifications"})
    @Import({DomainConfiguration.class, CatalogueConfiguration.class, BudgetService.class, CaseProgress.class,
            AuditTrail.class,
            PayoutService.class, DisbursementService.class, BatchDecisionService.class, EnterpriseCaps.class,
            cn.grants.domain.cases.DoubleFunding.class, cn.grants.domain.cases.CaseCalculations.class,
            EnterpriseLocks.class})
    static class App {
    }

    static TestDatabase postgres;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = TestDatabase.start("budget-conservation-pg", registry);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Autowired
    BudgetService budgets;
    @Autowired
    CaseProgress progress;
    @Autowired
    PayoutService payouts;
    @Autowired
    DisbursementService disbursement;
    @Autowired
    BatchDecisionService decisions;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    FundingRoundRepository rounds;
    @Autowired
    cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans;
    @Autowired
    CommitmentRepository commitments;
    @Autowired
    JdbcTemplate jdbc;

    final AtomicLong keys = new AtomicLong();

    @Test
    void shouldConserveEveryBudgetThroughRandomSequencesOfEvents() {
        Random random = new Random(20261202L);
        int events = 0;
        for (int sequence = 0; sequence < 200; sequence++) {
            int year = 2200 + sequence;
            String measure = random.nextBoolean() ? MILESTONE : ONE_OFF;
            budgets.set(measure, year, yuan(random, 200_000, 1_500_000));
            FundingRound round = round(measure, year);
            List<UUID> applied = new ArrayList<>();
            int length = 10 + random.nextInt(11);
            for (int step = 0; step < length; step++) {
                String event = step(random, round, measure, year, applied);
                events++;
                assertConserved(measure, year, "sequence " + sequence + " step " + step + " (" + event + ")");
            }
        }
        assertThat(events).isGreaterThan(2000);
    }

    /** Runs one random event that applies to the round's cases; answers what it did. */
    private String step(Random random, FundingRound round, String measure, int year, List<UUID> applied) {
        List<GrantCase> all = applied.stream().map(id -> cases.findById(id).orElseThrow()).toList();
        List<GrantCase> awaiting = all.stream().filter(c -> c.getCurrentStage() == Stage.AWAITING_BATCH).toList();
        List<GrantCase> disbursing = all.stream().filter(c -> !c.hasEnded())
                .filter(c -> c.getApprovedAmount() != null && c.getApprovedAmount().signum() > 0)
                .filter(c -> c.getCurrentStage() != Stage.CLAWBACK).toList();
        List<GrantCase> clawingBack = all.stream().filter(c -> c.getCurrentStage() == Stage.CLAWBACK).toList();
        List<String> possible = new ArrayList<>();
        if (applied.size() < 6) {
            possible.add("apply");
        }
        if (!awaiting.isEmpty()) {
            possible.addAll(List.of("commit", "batch", "reject"));
        }
        if (!disbursing.isEmpty()) {
            possible.addAll(List.of("pay", "pay", "pay", "refuse", "stop"));
        }
        if (!clawingBack.isEmpty()) {
            possible.add("recover");
        }
        if (possible.isEmpty()) {
            possible.add("apply"); // every case of the round has ended
        }
        String event = possible.get(random.nextInt(possible.size()));
        switch (event) {
            case "apply" -> applied.add(awaitingBatch(round, measure, creditCode(applied.size()),
                    yuan(random, 10_000, 600_000)));
            case "commit" -> {
                // the officer commits some cases ahead of the batch (cut pro rata when they ask more than is left)
                List<UUID> some = awaiting.stream().filter(c -> random.nextBoolean()).map(GrantCase::getId).toList();
                decisions.commit(measure, year, some.isEmpty() ? List.of(awaiting.get(0).getId()) : some);
            }
            case "batch" -> decisions.commit(round.getId());
            case "reject" -> {
                UUID id = pick(random, awaiting).getId();
                if (random.nextBoolean()) {
                    budgets.release(id); // withdraw-award (an upheld objection), then the rejection
                }
                enter(id, Stage.REJECTED, "不予资助 rejected");
            }
            case "pay" -> pay(pick(random, disbursing).getId());
            case "refuse" -> enter(pick(random, disbursing).getId(), Stage.REJECTED, "拨付未获批准 payout refused");
            case "stop" -> {
                UUID id = pick(random, disbursing).getId();
                BigDecimal demanded = disbursement.assessClawback(id, "里程碑未通过 milestone rejected");
                enter(id, demanded.signum() > 0 ? Stage.CLAWBACK : Stage.REJECTED, "condition failed");
            }
            case "recover" -> {
                UUID id = pick(random, clawingBack).getId();
                disbursement.recovered(id, "finance");
                enter(id, Stage.CLAWED_BACK, null);
            }
            default -> throw new IllegalStateException(event);
        }
        return event;
    }

    /** Finance approves the case's next planned tranche and it is paid (the tranches are planned once). */
    private void pay(UUID caseId) {
        List<Tranche> planned = disbursement.plan(caseId);
        Optional<Tranche> next = planned.stream().filter(t -> t.getStatus() == Tranche.Status.PLANNED).findFirst();
        if (next.isEmpty()) {
            return;
        }
        int number = next.get().getNumber();
        UUID task = UUID.randomUUID();
        jdbc.update("""
                insert into user_task (id, engine_epoch, job_key, case_id, process_instance_key, element_id, name,
                                       candidate_group, outcomes, status, created_at)
                values (?, 'budget-test', ?, ?, 1, 'UserTask_FinanceApproval', '拨付审批', 'finance', 'APPROVE,REJECT',
                        'COMPLETED', now())
                """, task, keys.incrementAndGet(), caseId);
        payouts.approve(caseId, number, TrancheApproval.Level.FIRST, "finance", new BigDecimal("999999999999.00"), task);
        payouts.pay(caseId, "ServiceTask_ExecutePayout", number, null);
        enter(caseId, number == planned.size() ? Stage.PAID : Stage.TRANCHE_PAID, null);
    }

    /** The budget of the sequence conserved, and every commitment against it. */
    private void assertConserved(String measure, int year, String where) {
        Map<String, Object> budget = jdbc.queryForMap("""
                select b.amount, b.committed, coalesce((select sum(c.committed) from budget_commitment c
                                                         where c.budget_id = b.id), 0) as commitments
                  from budget b where b.programme = ? and b.year = ?
                """, measure, year);
        BigDecimal committed = (BigDecimal) budget.get("committed");
        assertThat(committed).as("%s: committed = Σ commitments", where)
                .isEqualByComparingTo((BigDecimal) budget.get("commitments"));
        assertThat(committed).as("%s: committed ≤ amount", where)
                .isLessThanOrEqualTo((BigDecimal) budget.get("amount"));
        List<Map<String, Object>> lines = jdbc.queryForList("""
                select c.case_id, c.committed, c.status, c.recovered, g.current_stage as case_stage, g.approved_amount,
                       coalesce((select sum(p.amount) from payout p where p.case_id = c.case_id), 0) as paid,
                       (select k.amount from clawback k where k.case_id = c.case_id and k.recovered_at is not null)
                           as recovered_demand
                  from budget_commitment c join budget b on b.id = c.budget_id join grant_case g on g.id = c.case_id
                 where b.programme = ? and b.year = ?
                """, measure, year);
        BigDecimal paidTotal = BigDecimal.ZERO;
        for (Map<String, Object> line : lines) {
            String what = where + ", case " + line.get("case_id") + " " + line.get("case_stage");
            BigDecimal held = (BigDecimal) line.get("committed");
            BigDecimal paid = (BigDecimal) line.get("paid");
            paidTotal = paidTotal.add(paid);
            assertThat(paid).as("%s: every paid yuan stays committed", what).isLessThanOrEqualTo(held);
            assertThat((BigDecimal) line.get("recovered")).as("%s: recovered ≤ committed", what)
                    .isLessThanOrEqualTo(held);
            String caseStage = (String) line.get("case_stage");
            if (Stage.valueOf(caseStage).money().releasesUnpaidRemainder()) {
                assertThat(line.get("status")).as(what).isEqualTo(paid.signum() > 0 ? "SETTLED" : "RELEASED");
            }
            if (!"COMMITTED".equals(line.get("status"))) {
                assertThat(held).as("%s: an ended commitment holds what was paid, no more", what)
                        .isEqualByComparingTo(paid);
            } else if (line.get("approved_amount") != null) {
                assertThat(held).as("%s: a live case holds its approved amount", what)
                        .isEqualByComparingTo((BigDecimal) line.get("approved_amount"));
            }
            if (line.get("recovered_demand") != null) {
                assertThat((BigDecimal) line.get("recovered")).as("%s: the recovery is recorded", what)
                        .isEqualByComparingTo((BigDecimal) line.get("recovered_demand"));
            }
        }
        assertThat(paidTotal).as("%s: what was paid ≤ committed", where).isLessThanOrEqualTo(committed);
    }

    @Autowired
    EnterpriseLocks enterpriseLocks;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void shouldHoldTheLockOfEveryEnterpriseOfABatchUntilItsTransactionEnds() throws Exception {
        // given three enterprises of a batch (and one twice), locked in one statement
        List<String> enterprises = List.of("91440300MA5FLCK03X", "91440300MA5FLCK01X", "91440300MA5FLCK02X",
                "91440300MA5FLCK01X");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            enterpriseLocks.lock(enterprises);

            // then this transaction holds three advisory locks, and another one can take none of them
            assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and granted"
                    + " and pid = pg_backend_pid() and classid = 10003", Long.class)).isEqualTo(3L);
            assertThat(tryLockElsewhere("91440300MA5FLCK02X")).as("held by the batch").isFalse();
            assertThat(tryLockElsewhere("91440300MA5FLCK09X")).as("another enterprise").isTrue();
        });
        // and they are free once it ended
        assertThat(tryLockElsewhere("91440300MA5FLCK02X")).isTrue();
    }

    /** Whether another connection, in a transaction of its own, can take an enterprise's lock at once. */
    private boolean tryLockElsewhere(String creditCode) {
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement s = other.prepareStatement(
                    "select pg_try_advisory_xact_lock(10003, hashtext(?))")) {
                s.setString(1, creditCode);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBoolean(1);
                }
            } finally {
                other.rollback();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldNeverCommitMoreThanTheCapToOneEnterpriseUnderConcurrentCommits() throws Exception {
        // given: cap 5,000,000.00 per enterprise; twelve cases of one enterprise asking 2,000,000.00 each, a large
        // budget, and twelve officers committing one case each at the same moment
        int year = 2150;
        budgets.set(CAPPED, year, new BigDecimal("100000000.00"));
        FundingRound round = round(CAPPED, year);
        String enterprise = "91440300MA5FCAP01X";
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(awaitingBatch(round, CAPPED, enterprise, new BigDecimal("2000000.00")));
        }
        UUID otherEnterprise = awaitingBatch(round, CAPPED, "91440300MA5FCAP02X", new BigDecimal("2000000.00"));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<BigDecimal>> commits = new ArrayList<>();
        for (UUID id : ids) {
            commits.add(() -> {
                start.await();
                return decisions.commit(CAPPED, year, List.of(id)).toCommit();
            });
        }

        // when
        ExecutorService pool = Executors.newFixedThreadPool(12);
        BigDecimal total = BigDecimal.ZERO;
        try {
            List<Future<BigDecimal>> results = new ArrayList<>();
            for (Callable<BigDecimal> commit : commits) {
                results.add(pool.submit(commit));
            }
            start.countDown();
            for (Future<BigDecimal> result : results) {
                total = total.add(result.get());
            }
        } finally {
            pool.shutdown();
        }
        decisions.commit(CAPPED, year, List.of(otherEnterprise));
        decisions.commit(round.getId());

        // then: the enterprise holds exactly its cap; the other enterprise is not touched by it
        BigDecimal held = jdbc.queryForObject("""
                select sum(c.committed) from budget_commitment c join grant_case g on g.id = c.case_id
                 where g.credit_code = ? and g.measure_id = ?
                """, BigDecimal.class, enterprise, CAPPED);
        assertThat(total).isEqualByComparingTo("5000000.00");
        assertThat(held).isEqualByComparingTo("5000000.00");
        assertThat(commitments.findByCaseId(otherEnterprise)).extracting(Commitment::getCommitted)
                .containsExactly(new BigDecimal("2000000.00"));
        assertThat(ids.stream().map(id -> cases.findById(id).orElseThrow()).filter(GrantCase::hasEnded))
                .as("the cases the cap leaves nothing are rejected with the reason").hasSize(9)
                .allSatisfy(c -> assertThat(c.getRejectionReason()).contains("per-enterprise cap"));
        assertConserved(CAPPED, year, "after the race");
    }

    @Test
    void shouldRefuseInTheBatchASecondGrantForTheSameThingUnderAnotherMeasureOfItsOverlapGroup() {
        // given one innovation centre applied for under 000（十六）and under 003 第6条 (overlap group
        // innovation-centre), and another centre of the same enterprise under 003 第6条
        int year = 2033;
        String equipment = "sz-equip-16-innovation-centre";
        String manufacturing = "sz-mfg-06-innovation-centre";
        budgets.set(equipment, year, new BigDecimal("100000000.00"));
        budgets.set(manufacturing, year, new BigDecimal("100000000.00"));
        FundingRound first = round(equipment, year);
        FundingRound second = round(manufacturing, year);
        String enterprise = "91440300MA5FDBL01X";
        UUID granted = awaitingBatch(first, equipment, enterprise, new BigDecimal("20000000.00"), "深圳市高端装备创新中心");
        UUID again = awaitingBatch(second, manufacturing, enterprise, new BigDecimal("20000000.00"),
                " 深圳市高端装备 创新中心。");
        UUID other = awaitingBatch(second, manufacturing, enterprise, new BigDecimal("5000000.00"), "深圳市新材料创新中心");
        decisions.commit(first.getId());

        // when the second round decides its batch
        List<UUID> listed = decisions.commit(second.getId());

        // then the same centre is refused with the reason naming the first grant, nothing committed for it; the
        // other centre is granted
        assertThat(listed).containsExactly(other);
        GrantCase refused = cases.findById(again).orElseThrow();
        assertThat(refused.getCurrentStage()).isEqualTo(Stage.REJECTED);
        assertThat(refused.getRejectionReason()).contains("重复资助", granted.toString(), equipment, "000 （十六）");
        assertThat(commitments.findByCaseId(again)).allMatch(c -> c.getCommitted().signum() == 0);
        assertThat(budgets.find(manufacturing, year).orElseThrow().getCommitted()).isEqualByComparingTo("5000000.00");
        assertThat(cases.findById(granted).orElseThrow().getApprovedAmount()).isEqualByComparingTo("20000000.00");

        // and an officer cannot commit such a case ahead of the batch either
        FundingRound third = round(manufacturing, year);
        UUID thirdTime = awaitingBatch(third, manufacturing, enterprise, new BigDecimal("1000000.00"),
                "深圳市高端装备创新中心");
        assertThatThrownBy(() -> decisions.commit(manufacturing, year, List.of(thirdTime)))
                .isInstanceOf(BatchDecisionService.NotDecidableException.class).hasMessageContaining(granted.toString());
    }

    @Test
    void shouldNeverGrantAPlatformApplyingInPhasesMoreThanItsCumulativeCap() {
        // given a testing platform (004（三）单个平台资助金额不超过3000万元) granted 2500万 in its first phase
        int year = 2034;
        String platform = "sz-newmat-03-testing-evaluation-platform";
        budgets.set(platform, year, new BigDecimal("200000000.00"));
        String enterprise = "91440300MA5FPLT01X";
        FundingRound first = round(platform, year);
        UUID phaseOne = awaitingBatch(first, platform, enterprise, new BigDecimal("25000000.00"), "新材料测试评价平台");
        decisions.commit(first.getId());

        // when its second phase asks 2000万, and another platform of the same enterprise 2000万
        FundingRound second = round(platform, year);
        UUID phaseTwo = awaitingBatch(second, platform, enterprise, new BigDecimal("20000000.00"), "新材料测试评价平台");
        UUID otherPlatform = awaitingBatch(second, platform, enterprise, new BigDecimal("20000000.00"), "电子材料测试平台");
        decisions.commit(second.getId());

        // then the second phase gets the 500万 the cap leaves, the other platform all it asked
        assertThat(cases.findById(phaseOne).orElseThrow().getApprovedAmount()).isEqualByComparingTo("25000000.00");
        assertThat(cases.findById(phaseTwo).orElseThrow().getApprovedAmount()).isEqualByComparingTo("5000000.00");
        assertThat(cases.findById(otherPlatform).orElseThrow().getApprovedAmount()).isEqualByComparingTo("20000000.00");
        assertThat(budgets.find(platform, year).orElseThrow().getCommitted()).isEqualByComparingTo("50000000.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldFundAStatedAwardInFullInOrderOfExpertScoreInsteadOfCuttingItProRata() {
        // given 500万 for 003 第13条's national champion award (300万 / 200万, stated: never cut) and three cases
        int year = 2035;
        String award = "sz-mfg-13-champion-national";
        budgets.set(award, year, new BigDecimal("5000000.00"));
        FundingRound round = round(award, year);
        UUID enterpriseTitle = awaitingBatch(round, award, "91440300MA5FRNK01X", new BigDecimal("3000000.00"));
        UUID productTitle = awaitingBatch(round, award, "91440300MA5FRNK02X", new BigDecimal("2000000.00"));
        UUID lowest = awaitingBatch(round, award, "91440300MA5FRNK03X", new BigDecimal("3000000.00"));
        jdbc.update("update grant_case set review_score = ? where id = ?", new BigDecimal("90.00"), enterpriseTitle);
        jdbc.update("update grant_case set review_score = ? where id = ?", new BigDecimal("95.00"), productTitle);
        jdbc.update("update grant_case set review_score = ? where id = ?", new BigDecimal("80.00"), lowest);

        // when the round plans and commits its batch
        boolean oversubscribed = decisions.plan(round.getId());
        List<UUID> listed = decisions.commit(round.getId());

        // then the two best-scored are paid their stated award in full; the third gets nothing, with the reason
        assertThat(oversubscribed).isTrue();
        Map<String, Object> planned = (Map<String, Object>) ((List<?>) batchPlans.findById(round.getId()).orElseThrow()
                .getPlan().get("measures")).get(0);
        assertThat(planned).containsEntry("cutMethod", "RANKED").containsEntry("toCommit", "5000000.00");
        assertThat(listed).containsExactlyInAnyOrder(enterpriseTitle, productTitle);
        assertThat(cases.findById(enterpriseTitle).orElseThrow().getApprovedAmount()).isEqualByComparingTo("3000000.00");
        assertThat(cases.findById(productTitle).orElseThrow().getApprovedAmount()).isEqualByComparingTo("2000000.00");
        GrantCase refused = cases.findById(lowest).orElseThrow();
        assertThat(refused.getCurrentStage()).isEqualTo(Stage.REJECTED);
        assertThat(refused.getRejectionReason()).contains("择优", "never cut", "80.00");
        assertThat(budgets.find(award, year).orElseThrow().getCommitted()).isEqualByComparingTo("5000000.00");
    }

    private FundingRound round(String measure, int year) {
        return rounds.saveAndFlush(new FundingRound(UUID.randomUUID(), "批次 " + year, List.of(measure), year,
                Instant.now(), Instant.now().plusSeconds(60), 3, new BigDecimal("60"), "officer", Instant.now()));
    }

    /** A case of the round, calculated, waiting for the batch decision (each for a different thing). */
    private UUID awaitingBatch(FundingRound round, String measure, String creditCode, BigDecimal calculated) {
        return awaitingBatch(round, measure, creditCode, calculated, null);
    }

    private UUID awaitingBatch(FundingRound round, String measure, String creditCode, BigDecimal calculated,
            String subject) {
        UUID id = UUID.randomUUID();
        GrantCase c = new GrantCase(id, measure, "applicant", "深圳市示例有限公司", creditCode, "项目",
                Map.of("INVESTMENT", "1.00"), Instant.now());
        c.fundedSubject(subject == null ? "产品 " + id : subject);
        c.calculated("v", "rule", calculated, false, "test", Instant.now());
        c.applyIn(round.getId(), new GrantCase.Payee("深圳市示例有限公司", "755912345610001", "招商银行", "308584000013"));
        c.submitted("epoch", Instant.now());
        cases.saveAndFlush(c);
        enter(id, Stage.AWAITING_BATCH, null);
        return id;
    }

    /** Moves the case to the stage by legal moves, as the models would announce them. */
    private void enter(UUID caseId, Stage stage, String reason) {
        StagePaths.walk(progress, cases, caseId, stage, "system", reason, caseId + ":test:" + keys.incrementAndGet());
    }

    private static String creditCode(int n) {
        return "91440300MA5F0" + String.format("%04d", n) + "X";
    }

    private static BigDecimal yuan(Random random, int from, int to) {
        long fen = (long) from * 100 + (long) (random.nextDouble() * (to - from) * 100);
        return BigDecimal.valueOf(fen, 2);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
