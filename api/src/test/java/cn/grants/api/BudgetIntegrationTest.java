package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.budgets.BudgetExceededException;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.cases.CaseProgress;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
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

/** Budgets on the real PostgreSQL: never over-committed, cut pro rata when oversubscribed, released on rejection. */
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
        UUID a = newCase(MEASURE, "1", "600000.00");
        UUID b = newCase(MEASURE, "1", "600000.00");
        UUID c = newCase(MEASURE, "1", "300000.00");
        Map<String, Object> batch = Map.of("caseIds", List.of(a, b, c));

        // when
        Map<String, Object> preview = api.post("officer", "/api/budgets/" + MEASURE + "/2031/preview", batch).getBody();
        String committedAfterPreview = budgets.find(MEASURE, 2031).orElseThrow().getCommitted().toPlainString();
        Map<String, Object> confirmed = api.post("officer", "/api/budgets/" + MEASURE + "/2031/commit", batch).getBody();
        Map<String, Object> again = api.post("officer", "/api/budgets/" + MEASURE + "/2031/commit", batch).getBody();

        // then
        assertThat(preview).containsEntry("cut", true).containsEntry("ratio", 0.666666666666);
        assertThat((List<Map<String, Object>>) preview.get("lines")).extracting(l -> l.get("committed").toString())
                .containsExactly("399999.99", "399999.99", "199999.99");
        assertThat((String) preview.get("explanation")).contains("按比例核减");
        assertThat(committedAfterPreview).isEqualTo("0.00");
        assertThat(confirmed.get("toCommit").toString()).isEqualTo("999999.97");
        assertThat((List<?>) again.get("lines")).isEmpty();
        assertThat(budgets.find(MEASURE, 2031).orElseThrow().getCommitted()).isEqualByComparingTo("999999.97");
    }

    @Test
    void shouldReleaseTheCommitmentOfARejectedCase() {
        // given
        budgets.set("release-programme", 2026, new BigDecimal("500.00"));
        UUID caseId = newCase(MEASURE, "1", null);
        budgets.commit("release-programme", 2026, caseId, new BigDecimal("400.00"));

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
            progress.enter(id, cn.grants.domain.cases.Stage.AWAITING_BATCH, "system", null, id + ":awaiting");
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
        Map<String, Object> plan = rounds.findById(round.getId()).orElseThrow().getBatchPlan();
        assertThat(plan).containsEntry("oversubscribed", true);
        assertThat(plan.get("measures").toString()).contains("按比例核减");
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
