package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.diagnostics.SqlStatementsPerRequest;
import cn.grants.domain.budgets.BudgetExceededException;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.cases.StagePaths;
import cn.grants.domain.rounds.BatchDecisionService;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Budgets on the real PostgreSQL: never over-committed, cut pro rata when oversubscribed, released on rejection; only
 * cases awaiting a round's batch decision are committed; a round's measure has a budget or a recorded no-limit
 * decision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class BudgetIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    BudgetService budgets;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    CaseProgress progress;
    @Autowired
    BatchDecisionService decisions;
    @Autowired
    FundingRoundRepository rounds;
    @Autowired
    cn.grants.domain.rounds.RoundBatchPlanRepository batchPlans;
    @Autowired
    TestRestTemplate rest;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private UUID newCase(String measure, String investment, String calculated) {
        GrantCase c = new GrantCase(UUID.randomUUID(), measure, "applicant", "某公司", ApiClient.CREDIT_CODE, "项目",
                Map.of("INVESTMENT", investment), Instant.now());
        if (calculated != null) {
            c.calculated("v", "r", new BigDecimal(calculated), false, "x", Instant.now());
        }
        return cases.saveAndFlush(c).getId();
    }

    @Test
    void shouldNeverCommitMoreThanTheBudgetUnderConcurrentApprovals() throws Exception {
        // given: 1,000,000.00 and twenty approvals of 100,000.00 racing on two cores
        budgets.set("concurrency-programme", 2026, new BigDecimal("1000000.00"));
        List<Callable<Boolean>> approvals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID caseId = newCase(MEASURE, "1.00", null);
            approvals.add(() -> budgets.commit("concurrency-programme", 2026, caseId, new BigDecimal("100000.00"))
                    .isPresent());
        }

        // when
        int committed = 0;
        int refused = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> result : pool.invokeAll(approvals)) {
                try {
                    result.get();
                    committed++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(BudgetExceededException.class);
                    refused++;
                }
            }
        }

        // then
        assertThat(committed).isEqualTo(10);
        assertThat(refused).isEqualTo(10);
        assertThat(budgets.find("concurrency-programme", 2026).orElseThrow().getCommitted())
                .isEqualByComparingTo("1000000.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowAndCommitTheProRataCutOfAnOversubscribedBatch() {
        // given: 1,000,000.00 left, 1,500,000.00 asked
        api.post("officer", "/api/budgets/" + MEASURE + "/2031", Map.of()); // wrong verb is harmless
        assertThat(rest.withBasicAuth("officer", "officer").exchange("/api/budgets/" + MEASURE + "/2031",
                org.springframework.http.HttpMethod.PUT, new org.springframework.http.HttpEntity<>(Map.of("amount", "1000000.00")),
                Map.class).getStatusCode().value()).isEqualTo(200);
        FundingRound round = round(2031);
        UUID a = awaitingBatch(round, "600000.00");
        UUID b = awaitingBatch(round, "600000.00");
        UUID c = awaitingBatch(round, "300000.00");
        Map<String, Object> batch = Map.of("caseIds", List.of(a, b, c));

        // when
        Map<String, Object> preview = api.post("officer", "/api/budgets/" + MEASURE + "/2031/preview", batch).getBody();
        String committedAfterPreview = budgets.find(MEASURE, 2031).orElseThrow().getCommitted().toPlainString();
        Map<String, Object> confirmed = api.post("officer", "/api/budgets/" + MEASURE + "/2031/commit", batch).getBody();
        Map<String, Object> again = api.post("officer", "/api/budgets/" + MEASURE + "/2031/commit", batch).getBody();

        // then
        // JSON decimals are read as the decimals they are written as (never doubles)
        assertThat(preview).containsEntry("cut", true)
                .containsEntry("ratio", new java.math.BigDecimal("0.666666666666"));
        assertThat((List<Map<String, Object>>) preview.get("lines")).extracting(l -> l.get("committed").toString())
                .containsExactly("399999.99", "399999.99", "199999.99");
        assertThat((String) preview.get("explanation")).contains("按比例核减");
        assertThat(committedAfterPreview).isEqualTo("0.00");
        assertThat(confirmed.get("toCommit").toString()).isEqualTo("999999.97");
        assertThat((List<?>) again.get("lines")).isEmpty();
        assertThat(budgets.find(MEASURE, 2031).orElseThrow().getCommitted()).isEqualByComparingTo("999999.97");
    }

    @Test
    void shouldCommitOnlyCasesAwaitingTheBatchDecisionOfARound() {
        // given: a budget, a case awaiting the batch in a round, a rejected one of the same round, one in no round
        budgets.set(MEASURE, 2033, new BigDecimal("1000000.00"));
        budgets.set(MEASURE, 2034, new BigDecimal("1000000.00"));
        FundingRound round = round(2033);
        UUID awaiting = awaitingBatch(round, "100000.00");
        UUID rejected = awaitingBatch(round, "200000.00");
        progress.enter(rejected, Stage.REJECTED, "officer", "不符合条件", rejected + ":rejected");
        UUID outside = newCase(MEASURE, "1", "300000.00");
        String path = "/api/budgets/" + MEASURE + "/2033";

        // when
        ResponseEntity<Map<String, Object>> ended = api.post("officer", path + "/commit",
                Map.of("caseIds", List.of(awaiting, rejected)));
        ResponseEntity<Map<String, Object>> previewEnded = api.post("officer", path + "/preview",
                Map.of("caseIds", List.of(rejected)));
        ResponseEntity<Map<String, Object>> noRound = api.post("officer", path + "/commit",
                Map.of("caseIds", List.of(outside)));
        ResponseEntity<Map<String, Object>> otherYear = api.post("officer", "/api/budgets/" + MEASURE + "/2034/commit",
                Map.of("caseIds", List.of(awaiting)));
        String committedAfterRefusals = budgets.find(MEASURE, 2033).orElseThrow().getCommitted().toPlainString();
        ResponseEntity<Map<String, Object>> decided = api.post("officer", path + "/commit",
                Map.of("caseIds", List.of(awaiting)));

        // then: 409 naming the case; nothing committed but the awaiting case
        assertThat(ended.getStatusCode().value()).isEqualTo(409);
        assertThat(ended.getBody()).containsEntry("field", "caseIds[1]");
        assertThat(ended.getBody().get("detail").toString()).contains(rejected.toString(), "ended");
        assertThat(previewEnded.getStatusCode().value()).isEqualTo(409);
        assertThat(noRound.getStatusCode().value()).isEqualTo(409);
        assertThat(noRound.getBody().get("detail").toString()).contains(outside.toString(), "no round");
        assertThat(otherYear.getStatusCode().value()).isEqualTo(409);
        assertThat(committedAfterRefusals).isEqualTo("0.00");
        assertThat(decided.getStatusCode().value()).isEqualTo(200);
        assertThat(budgets.find(MEASURE, 2033).orElseThrow().getCommitted()).isEqualByComparingTo("100000.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldOpenARoundOnlyWithABudgetOrARecordedNoLimitDecisionPerMeasure() {
        // given
        String multiYear = "sz-newmat-07-innovation-chain-industry-chain";
        String closes = java.time.OffsetDateTime.now().plusHours(1).toString();
        Map<String, Object> base = Map.of("name", "预算 budget round", "windowCloses", closes, "year", 2098,
                "measures", List.of(MEASURE, multiYear));

        // when
        ResponseEntity<Map<String, Object>> missing = api.post("officer", "/api/rounds", with(base,
                Map.of("budgets", Map.of(MEASURE, "1000000.00"))));
        ResponseEntity<Map<String, Object>> noReason = api.post("officer", "/api/rounds", with(base,
                Map.of("budgets", Map.of(MEASURE, "1000000.00"), "unlimited", List.of(multiYear))));
        ResponseEntity<Map<String, Object>> budgetAndUnlimited = api.post("officer", "/api/rounds", with(base,
                Map.of("budgets", Map.of(MEASURE, "1000000.00"), "unlimited", List.of(MEASURE, multiYear),
                        "unlimitedReason", "x")));
        ResponseEntity<Map<String, Object>> opened = api.post("officer", "/api/rounds", with(base,
                Map.of("budgets", Map.of(MEASURE, "1000000.00"), "unlimited", List.of(multiYear),
                        "unlimitedReason", "上级专项资金配套，不设年度上限")));

        // then
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).containsEntry("field", "budgets." + multiYear);
        assertThat(noReason.getBody()).containsEntry("field", "unlimitedReason");
        assertThat(budgetAndUnlimited.getBody()).containsEntry("field", "unlimited[0]");
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(201);
        Map<String, Object> shown = api.get("officer", "/api/rounds/" + opened.getBody().get("id")).getBody();
        assertThat((Map<String, Object>) shown.get("unlimited")).containsEntry("measures", List.of(multiYear))
                .containsEntry("reason", "上级专项资金配套，不设年度上限").containsEntry("decidedBy", "officer");
        assertThat(api.get("applicant", "/api/rounds/" + opened.getBody().get("id")).getBody().get("unlimited"))
                .isNull();
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(base);
        body.putAll(more);
        return body;
    }

    private FundingRound round(int year) {
        return rounds.saveAndFlush(new FundingRound(UUID.randomUUID(), "批次", List.of(MEASURE), year,
                Instant.now(), Instant.now().plusSeconds(60), 3, new BigDecimal("60"), "officer", Instant.now()));
    }

    /** A case of the round that waits for its batch decision with the calculated amount. */
    private UUID awaitingBatch(FundingRound round, String calculated) {
        UUID id = newCase(MEASURE, "1", calculated);
        GrantCase c = cases.findById(id).orElseThrow();
        c.applyIn(round.getId(), new GrantCase.Payee("某公司", "755912345610001", "招商银行", "308584000013"));
        c.submitted("epoch", Instant.now());
        cases.saveAndFlush(c);
        StagePaths.walk(progress, cases, id, Stage.AWAITING_BATCH, "system", null, id + ":awaiting");
        return id;
    }

    @Test
    void shouldReleaseTheCommitmentOfARejectedCase() {
        // given
        budgets.set("release-programme", 2026, new BigDecimal("500.00"));
        UUID caseId = newCase(MEASURE, "1", null);
        budgets.commit("release-programme", 2026, caseId, new BigDecimal("400.00"));
        StagePaths.walk(progress, cases, caseId, Stage.FINANCE_APPROVAL, "system", null, caseId + ":given");

        // when
        progress.enter(caseId, Stage.REJECTED, "finance", "not approved", caseId + ":Event_NotifyRejected:1");

        // then
        assertThat(budgets.find("release-programme", 2026).orElseThrow().getCommitted()).isEqualByComparingTo("0.00");
    }

    @Test
    void shouldCutAnOversubscribedBatchProRataAndCommitItOnce() {
        // given: a round whose budget of 1,000,000.00 is asked 600,000.00 + 600,000.00 + 300,000.00
        int year = 2032;
        budgets.set(MEASURE, year, new BigDecimal("1000000.00"));
        FundingRound round = rounds.saveAndFlush(new FundingRound(UUID.randomUUID(), "批次", List.of(MEASURE), year,
                Instant.now(), Instant.now().plusSeconds(60), 3, new BigDecimal("60"), "officer", Instant.now()));
        List<UUID> ids = new ArrayList<>();
        for (String amount : List.of("600000.00", "600000.00", "300000.00")) {
            UUID id = newCase(MEASURE, "1", amount);
            GrantCase c = cases.findById(id).orElseThrow();
            c.applyIn(round.getId(), new GrantCase.Payee("某公司", "755912345610001", "招商银行", "308584000013"));
            c.submitted("epoch", Instant.now());
            cases.saveAndFlush(c);
            StagePaths.walk(progress, cases, id, Stage.AWAITING_BATCH, "system", null, id + ":awaiting");
            ids.add(id);
        }

        // when
        boolean oversubscribed = decisions.plan(round.getId());
        List<UUID> listed = decisions.commit(round.getId());
        List<UUID> again = decisions.commit(round.getId());

        // then: ratio 1,000,000 / 1,500,000 = 0.666666666666, each rounded down to the fen
        assertThat(oversubscribed).isTrue();
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(again).containsExactlyElementsOf(ids);
        assertThat(ids).extracting(id -> cases.findById(id).orElseThrow().getApprovedAmount().toPlainString())
                .containsExactly("399999.99", "399999.99", "199999.99");
        assertThat(budgets.find(MEASURE, year).orElseThrow().getCommitted()).isEqualByComparingTo("999999.97");
        Map<String, Object> plan = batchPlans.findById(round.getId()).orElseThrow().getPlan();
        assertThat(plan).containsEntry("oversubscribed", true);
        assertThat(plan.get("measures").toString()).contains("按比例核减");
    }

    /**
     * A measure without caps, and one capped per enterprise (004（八）单个企业可资助金额不超过500万元), whose batch also
     * reads what each enterprise already holds.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({MEASURE + ", 2033", CAPPED + ", 2035"})
    void shouldDecideAndPublishABatchWithAsManyQueriesForTwelveCasesAsForThree(String measure, int year) {
        // when a batch of 3 and a batch of 12 cases, each of its own enterprise, are planned, committed and published
        SqlStatementsPerRequest.Statements three = decideBatch(measure, year, 3);
        SqlStatementsPerRequest.Statements twelve = decideBatch(measure, year + 1, 12);

        // then the reads do not grow with the cases (no query per case or per enterprise); the writes may
        assertThat(twelve.queries()).as("queries for 12 cases (3 cases: %s)", three).isEqualTo(three.queries())
                .isLessThanOrEqualTo(QUERIES_PER_BATCH);
    }

    static final String CAPPED = "sz-newmat-08-first-batch-materials";

    /** The reads of one batch decision and its publicity, whatever its size (2,000 cases: a few per thousand). */
    static final int QUERIES_PER_BATCH = 30;

    private SqlStatementsPerRequest.Statements decideBatch(String measure, int year, int size) {
        budgets.set(measure, year, new BigDecimal("100000000.00"));
        FundingRound round = rounds.saveAndFlush(new FundingRound(UUID.randomUUID(), "批次", List.of(measure), year,
                Instant.now(), Instant.now().plusSeconds(60), 3, new BigDecimal("60"), "officer", Instant.now()));
        for (int i = 0; i < size; i++) {
            GrantCase c = new GrantCase(UUID.randomUUID(), measure, "applicant", "某公司" + i,
                    cn.grants.api.cases.CreditCodes.withCheck(String.format("91440300MC%03d%04d", year % 1000, i)),
                    "项目", Map.of("INVESTMENT", "1"), Instant.now());
            c.calculated("v", "r", new BigDecimal("100000.00"), false, "x", Instant.now());
            c.applyIn(round.getId(), new GrantCase.Payee("某公司" + i, "755912345610001", "招商银行", "308584000013"));
            c.submitted("epoch", Instant.now());
            UUID id = cases.saveAndFlush(c).getId();
            StagePaths.walk(progress, cases, id, Stage.AWAITING_BATCH, "system", null, id + ":awaiting");
        }
        List<List<UUID>> listed = new ArrayList<>();
        SqlStatementsPerRequest.Statements counted = SqlStatementsPerRequest.count(() -> {
            decisions.plan(round.getId());
            listed.add(decisions.commit(round.getId()));
            decisions.publicity(round.getId(), listed.get(0), Instant.now().plusSeconds(60));
        });
        assertThat(listed.get(0)).hasSize(size);
        assertThat(listed.get(0)).allSatisfy(id -> assertThat(cases.findById(id).orElseThrow().getApprovedAmount())
                .isEqualByComparingTo("100000.00"));
        return counted;
    }

    @Test
    void shouldRefuseBadBudgetsNamingTheField() {
        // when
        ResponseEntity<Map> negative = put("officer", "/api/budgets/" + MEASURE + "/2030", Map.of("amount", "-1"));
        ResponseEntity<Map> unknown = put("officer", "/api/budgets/no-such-measure/2030", Map.of("amount", "1"));
        ResponseEntity<Map> byExpert = put("expert1", "/api/budgets/" + MEASURE + "/2030", Map.of("amount", "1"));

        // then
        assertThat(negative.getBody()).containsEntry("field", "amount");
        assertThat(unknown.getBody()).containsEntry("field", "programme");
        assertThat(byExpert.getStatusCode().value()).isEqualTo(403);
        assertThat(budgets.find(MEASURE, 2030)).isEmpty();
    }

    private ResponseEntity<Map> put(String user, String path, Object body) {
        return rest.withBasicAuth(user, user).exchange(path, org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(body), Map.class);
    }
}
