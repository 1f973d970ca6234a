package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.documents.CaseDocumentRepository;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The REST API on the whole system: in-memory Zeebe engine, embedded PostgreSQL and S3 (data under target/),
 * all workers running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT1S",
    "grants.lifecycle.review-poll=PT1S"})
class GrantCaseApiIntegrationTest {

    static final String AUDITED_MEASURE = "sz-newmat-09-industrialisation-testing";
    static final String INVESTMENT_MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CaseDocumentRepository documents;
    ApiClient api;
    String round;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
        round = api.openRound(java.time.Duration.ofHours(1), Map.of(), INVESTMENT_MEASURE, AUDITED_MEASURE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldTakeACaseFromCreationThroughEveryStageToPaid() {
        // given a round closing in a few seconds, and a case of a 事后资助 measure (special audit required)
        String shortRound = api.openRound(java.time.Duration.ofSeconds(6), Map.of(AUDITED_MEASURE, "10000000.00"),
                AUDITED_MEASURE);
        Map<String, Object> created = api.createCase("applicant", shortRound, AUDITED_MEASURE,
                Map.of("AUDITED_COST", "20000000.00"));
        String id = (String) created.get("id");
        assertThat(created.get("status")).isEqualTo("DRAFT");
        assertThat(api.upload("applicant", id, "TEST_REPORT", "report.pdf", "application/pdf", "%PDF-1.4".getBytes())
                .getStatusCode().value()).isEqualTo(201);

        // when every step approves, the auditor uploading the report and confirming a lower cost
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
        api.passReview(id, 82);
        String audit = api.task("auditor", id, "UserTask_SpecialAudit");
        Map<String, Object> confirm = Map.of("outcome", "APPROVE",
                "variables", Map.of("confirmedInputs", Map.of("AUDITED_COST", "5000000.00")));
        assertThat(api.post("auditor", "/api/tasks/" + audit + "/complete", confirm).getBody())
                .containsEntry("field", "documents");
        assertThat(api.upload("auditor", id, "AUDIT_REPORT", "专项审计报告.pdf", "application/pdf", "%PDF-1.4".getBytes())
                .getStatusCode().value()).isEqualTo(201);
        assertThat(api.upload("auditor", id, "OTHER", "x.pdf", "application/pdf", "%PDF-1.4".getBytes())
                .getStatusCode().value()).isEqualTo(403);
        api.complete("auditor", audit, confirm);
        api.awaitStage("applicant", id, "AWAITING_BATCH");
        api.complete("finance", api.task("finance", id, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));

        // then the case is paid what the audited figure gives, and the timeline shows each stage
        Map<String, Object> paid = api.awaitCase("applicant", id, "PAID");
        assertThat(paid.get("calculatedAmount")).isEqualTo("1500000.00");
        assertThat(paid.get("approvedAmount")).isEqualTo("1500000.00");
        assertThat(paid.get("paidAmount")).isEqualTo("1500000.00");
        assertThat(paid.get("reviewScore")).isEqualTo("82.00");
        assertThat(paid.get("capped")).isEqualTo(false);
        assertThat((String) paid.get("explanation")).isEqualTo("min(30% × 5,000,000.00, 3,000,000.00) = 1,500,000.00"
                + " — up to (最高/不超过): a ceiling, an officer may determine less (核定)");
        assertThat((String) paid.get("catalogueVersion")).isNotBlank();
        assertThat(paid.get("processInstanceKey")).isNotNull();
        assertThat(java.time.Instant.parse((String) paid.get("publicityEnds")))
                .isAfter(java.time.Instant.parse((String) paid.get("submittedAt")));
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) paid.get("timeline");
        assertThat(timeline).filteredOn(e -> "ENTERED".equals(e.get("event"))).extracting(e -> e.get("stage"))
                .containsExactly("SUBMITTED", "FORMAL_CHECK", "EXPERT_REVIEW", "SPECIAL_AUDIT", "CALCULATION",
                        "AWAITING_BATCH", "PUBLICITY", "FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID",
                        "PAID");
        assertThat(timeline).filteredOn(e -> "LEFT".equals(e.get("event")) && "SPECIAL_AUDIT".equals(e.get("stage")))
                .extracting(e -> e.get("actor")).containsExactly("auditor");
        assertThat((List<?>) paid.get("payouts")).hasSize(1);
        assertThat((List<Map<String, Object>>) paid.get("tranches")).extracting(t -> t.get("kind"), t -> t.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ONE_OFF", "PAID"));
        assertThat(api.list("applicant", "/api/notifications")).filteredOn(n -> id.equals(n.get("caseId")))
                .extracting(n -> n.get("stage")).contains("PAID", "PUBLICITY", "FORMAL_CHECK");
        Map<String, Object> closedRound = ApiClient.await("round closed", java.time.Duration.ofSeconds(30), () -> {
            Map<String, Object> r = api.get("officer", "/api/rounds/" + shortRound).getBody();
            return "CLOSED".equals(r.get("status")) ? r : null;
        });
        assertThat((List<Map<String, Object>>) closedRound.get("fundingPlan")).extracting(l -> l.get("caseId"), l -> l.get("amount"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "1500000.00"));
        assertThat((List<Map<String, Object>>) closedRound.get("budgets")).extracting(b -> b.get("committed"))
                .containsExactly("1500000.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNeverDrawAnExpertWhoWorksForTheApplicantAndRecordTheDraw() {
        // given: expert1 of the demo pool works for the applicant (same credit code)
        String id = submitted();

        // when
        api.passFormalCheck(id);
        List<Map<String, Object>> draws = ApiClient.await("3 draws", java.time.Duration.ofSeconds(20), () -> {
            List<Map<String, Object>> d = api.list("officer", "/api/cases/" + id + "/experts");
            return d.size() == 3 ? d : null;
        });

        // then
        assertThat(draws).extracting(d -> d.get("expertUser")).doesNotContain("expert1").doesNotHaveDuplicates();
        assertThat(draws).allSatisfy(d -> assertThat((List<Map<String, Object>>) d.get("exclusions"))
                .contains(Map.of("expertId", "EXP-001", "reason", "SAME_EMPLOYER")));
        assertThat(api.list("expert1", "/api/tasks")).noneMatch(t -> id.equals(t.get("caseId")));
        assertThat(api.get("expert1", "/api/cases/" + id).getStatusCode().value()).isEqualTo(404);
        String drawn = (String) draws.get(0).get("expertUser");
        assertThat(api.get(drawn, "/api/cases/" + id).getStatusCode().value()).isEqualTo(200);
        assertThat(api.list(drawn, "/api/tasks")).filteredOn(t -> id.equals(t.get("caseId")))
                .extracting(t -> t.get("assignee")).containsOnly(drawn);
    }

    @Test
    void shouldEndTheCaseWithTheReasonWhenTheOfficerRejects() {
        // given
        String id = submitted();

        // when
        api.complete("officer", api.task("officer", id, "UserTask_FormalCheck"),
                Map.of("outcome", "REJECT", "comment", "缺少可行性研究报告"));

        // then
        Map<String, Object> rejected = api.awaitCase("applicant", id, "REJECTED");
        assertThat(rejected.get("rejectionReason")).isEqualTo("缺少可行性研究报告");
        assertThat(rejected.get("currentStage")).isEqualTo("REJECTED");
    }

    @Test
    void shouldStreamAnUploadBackByteIdentical() throws Exception {
        // given
        String id = (String) api.createCase("applicant", round, INVESTMENT_MEASURE, Map.of("INVESTMENT", "1000000")).get("id");
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, content, 0, 9);

        // when
        ResponseEntity<Map<String, Object>> stored = api.upload("applicant", id, "FEASIBILITY_STUDY", "可研报告.pdf",
                "application/pdf", content);
        ResponseEntity<byte[]> back = api.download("applicant", "/api/cases/" + id + "/documents/" + stored.getBody().get("id"));

        // then
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(stored.getStatusCode().value()).isEqualTo(201);
        assertThat(stored.getBody()).containsEntry("sha256", sha).containsEntry("size", 300_000).containsEntry("name", "可研报告.pdf");
        assertThat(back.getBody()).isEqualTo(content);
    }

    @Test
    void shouldStoreNoRowWhenAnUploadIsRefused() {
        // given
        String id = (String) api.createCase("applicant", round, INVESTMENT_MEASURE, Map.of("INVESTMENT", "1000000")).get("id");

        // when
        ResponseEntity<Map<String, Object>> refused = api.upload("applicant", id, "EXE", "tool.exe",
                "application/x-msdownload", new byte[] {1, 2, 3});
        ResponseEntity<Map<String, Object>> noKind = api.upload("applicant", id, "", "a.pdf", "application/pdf",
                new byte[] {1});
        ResponseEntity<Map<String, Object>> renamed = api.upload("applicant", id, "STUDY", "tool.pdf", "application/pdf",
                new byte[] {'M', 'Z', (byte) 0x90, 0});

        // then
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).containsEntry("field", "file");
        assertThat(noKind.getBody()).containsEntry("field", "kind");
        assertThat(renamed.getStatusCode().value()).isEqualTo(400);
        assertThat((String) renamed.getBody().get("detail")).contains("first bytes");
        assertThat(documents.findByCaseIdOrderByUploadedAtAsc(UUID.fromString(id))).isEmpty();
    }

    @Test
    void shouldNameTheOffendingFieldOfBadInput() {
        // given
        Map<String, Object> applicant = Map.of("name", "某公司", "creditCode", ApiClient.CREDIT_CODE);
        Map<String, Object> project = Map.of("title", "项目");

        // when / then
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "payee", ApiClient.payee("某公司"), "inputs", Map.of("INVESTMENT", "1")), "roundId");
        assertField(Map.of("roundId", round, "measureId", "sz-equip-02-key-park-operation", "applicant", applicant,
                "project", project, "payee", ApiClient.payee("某公司"), "inputs", Map.of("INVESTMENT", "1")), "measureId");
        assertField(Map.of("roundId", round, "measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of("INVESTMENT", "1")), "payee");
        assertField(Map.of("roundId", round, "measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "payee", Map.of("accountName", "某公司", "account", "12", "bank", "某银行"), "inputs", Map.of("INVESTMENT", "1")),
                "payee.account");
        assertField(Map.of("measureId", "no-such-measure", "applicant", applicant, "project", project,
                "inputs", Map.of()), "measureId");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of("INVESTMENT", "-5")), "inputs.INVESTMENT");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of("INVESTMENT", "1.005")), "inputs.INVESTMENT");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of("INVESTMENT", "abc")), "inputs.INVESTMENT");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of()), "inputs.INVESTMENT");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", project,
                "inputs", Map.of("INVESTMENT", "1", "SALES", "2")), "inputs.SALES");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", Map.of("name", "某公司", "creditCode", "123"),
                "project", project, "inputs", Map.of("INVESTMENT", "1")), "applicant.creditCode");
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", Map.of("title", " "),
                "inputs", Map.of("INVESTMENT", "1")), "project.title");
        assertThat(api.list("applicant", "/api/cases")).noneMatch(c -> "项目".equals(((Map<?, ?>) c.get("project")).get("title")));
    }

    @Test
    void shouldRefuseAtEntryAnAmountBeyondWhatAMoneyColumnKeeps() {
        // given: money columns are numeric(18, 2), so 9,999,999,999,999,999.99 is the largest amount kept
        String tooLarge = "10000000000000000.00";
        Map<String, Object> applicant = Map.of("name", "某公司", "creditCode", ApiClient.CREDIT_CODE);

        // when / then: an application figure, a quote, a budget and a round's budget are refused, naming the field
        assertField(Map.of("measureId", INVESTMENT_MEASURE, "applicant", applicant, "project", Map.of("title", "超大项目"),
                "inputs", Map.of("INVESTMENT", tooLarge)), "inputs.INVESTMENT");
        ResponseEntity<Map<String, Object>> quote = api.post("applicant", "/api/measures/" + INVESTMENT_MEASURE + "/quote",
                Map.of("inputs", Map.of("INVESTMENT", tooLarge)));
        assertProblem(quote, "inputs.INVESTMENT");
        ResponseEntity<Map<String, Object>> budget = rest.withBasicAuth("officer", "officer").exchange(
                "/api/budgets/" + INVESTMENT_MEASURE + "/2099", org.springframework.http.HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>(Map.of("amount", tooLarge)),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertProblem(budget, "amount");
        ResponseEntity<Map<String, Object>> roundBudget = api.post("officer", "/api/rounds", Map.of("name", "超大批次",
                "measures", List.of(INVESTMENT_MEASURE), "windowCloses", java.time.OffsetDateTime.now().plusHours(1).toString(),
                "budgets", Map.of(INVESTMENT_MEASURE, tooLarge)));
        assertProblem(roundBudget, "budgets." + INVESTMENT_MEASURE);

        // and nothing was written
        assertThat(api.list("applicant", "/api/cases")).noneMatch(c -> "超大项目".equals(((Map<?, ?>) c.get("project")).get("title")));
        assertThat(api.list("officer", "/api/budgets")).noneMatch(b -> Integer.valueOf(2099).equals(b.get("year")));
        assertThat(api.list("officer", "/api/rounds")).noneMatch(r -> "超大批次".equals(r.get("name")));
        // the largest amount kept is taken
        assertThat(api.post("applicant", "/api/measures/" + INVESTMENT_MEASURE + "/quote",
                Map.of("inputs", Map.of("INVESTMENT", "9999999999999999.99"))).getStatusCode().value()).isEqualTo(200);
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, String field) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).containsEntry("field", field);
        assertThat(response.getBody().get("detail").toString()).contains("9,999,999,999,999,999.99");
    }

    private void assertField(Map<String, Object> body, String field) {
        Map<String, Object> full = new java.util.HashMap<>(body);
        if (!field.equals("roundId") && !field.equals("payee")) {
            full.putIfAbsent("roundId", round);
            full.putIfAbsent("payee", ApiClient.payee("某公司"));
        }
        ResponseEntity<Map<String, Object>> response = api.post("applicant", "/api/cases", full);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).containsEntry("field", field).containsKey("detail");
    }

    @Test
    void shouldHideACaseFromAnotherApplicant() {
        // given
        String id = (String) api.createCase("applicant", round, INVESTMENT_MEASURE, Map.of("INVESTMENT", "1000000")).get("id");

        // when / then
        assertThat(api.get("applicant2", "/api/cases/" + id).getStatusCode().value()).isEqualTo(404);
        assertThat(api.post("applicant2", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(404);
        assertThat(api.upload("applicant2", id, "X", "a.pdf", "application/pdf", new byte[] {1}).getStatusCode().value())
                .isEqualTo(404);
        assertThat(api.list("applicant2", "/api/cases")).noneMatch(c -> id.equals(c.get("id")));
        assertThat(api.get("officer", "/api/cases/" + id).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shouldNotSubmitACaseTwice() {
        // given
        String id = submitted();

        // when
        ResponseEntity<Map<String, Object>> again = api.post("applicant", "/api/cases/" + id + "/submit", null);

        // then
        assertThat(again.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void shouldSubmitOnceWhenSubmitsRaceEachOtherAndTheWorkers() throws Exception {
        // given
        String id = (String) api.createCase("applicant", round, INVESTMENT_MEASURE, Map.of("INVESTMENT", "1000000.00")).get("id");

        // when: six submits at once, while the first one's workers already move the case on
        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            List<java.util.concurrent.Callable<Integer>> submits = java.util.Collections.nCopies(6,
                    () -> api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value());
            statuses = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(submits)) {
                statuses.add(f.get());
            }
        }
        for (int i = 0; i < 10; i++) {
            statuses.add(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value());
        }

        // then
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(409);
    }

    @Test
    void shouldLetOnlyTheCandidateGroupCompleteATask() {
        // given
        String id = submitted();
        String task = api.task("officer", id, "UserTask_FormalCheck");

        // when
        ResponseEntity<Map<String, Object>> byExpert = api.post("expert1", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE"));
        ResponseEntity<Map<String, Object>> byApplicant = api.post("applicant", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE"));
        ResponseEntity<Map<String, Object>> badOutcome = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "MAYBE"));
        ResponseEntity<Map<String, Object>> rejectWithoutReason = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "REJECT"));

        // then
        assertThat(byExpert.getStatusCode().value()).isEqualTo(403);
        assertThat(byApplicant.getStatusCode().value()).isEqualTo(403);
        assertThat(badOutcome.getBody()).containsEntry("field", "outcome");
        assertThat(rejectWithoutReason.getBody()).containsEntry("field", "comment");
        assertThat(api.list("expert1", "/api/tasks")).noneMatch(t -> task.equals(t.get("id")));
        api.complete("officer", task, api.formalCheckApproval(id));
        assertThat(api.post("officer", "/api/tasks/" + task + "/complete", Map.of("outcome", "APPROVE"))
                .getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void shouldLetOnlyTheOfficerWhoClaimedATaskWorkIt() {
        // given
        String id = submitted();
        String task = api.task("officer", id, "UserTask_FormalCheck");

        // when
        Map<String, Object> claimed = api.post("officer", "/api/tasks/" + task + "/claim", null).getBody();
        int otherCompletes = api.post("officer2", "/api/tasks/" + task + "/complete", Map.of("outcome", "APPROVE"))
                .getStatusCode().value();
        int otherClaims = api.post("officer2", "/api/tasks/" + task + "/claim", null).getStatusCode().value();
        int expertClaims = api.post("expert3", "/api/tasks/" + task + "/claim", null).getStatusCode().value();
        Map<String, Object> released = api.post("officer", "/api/tasks/" + task + "/unclaim", null).getBody();
        api.post("officer2", "/api/tasks/" + task + "/claim", null);

        // then
        assertThat(claimed).containsEntry("claimedBy", "officer");
        assertThat(otherCompletes).isEqualTo(409);
        assertThat(otherClaims).isEqualTo(409);
        assertThat(expertClaims).isEqualTo(404);
        assertThat(released.get("claimedBy")).isNull();
        assertThat(api.complete("officer2", task, api.formalCheckApproval(id))).containsEntry("completedBy", "officer2");
    }

    @Test
    void shouldRequireAScoreForEveryRubricCriterionFromTheDrawnExpert() {
        // given
        String id = submitted();
        api.passFormalCheck(id);
        Map<String, Object> task = expertTask(id);
        String expert = (String) task.get("assignee");
        String path = "/api/tasks/" + task.get("id") + "/complete";

        // when
        ResponseEntity<Map<String, Object>> noScores = api.post(expert, path, Map.of("outcome", "SCORE"));
        ResponseEntity<Map<String, Object>> missing = api.post(expert, path, Map.of("outcome", "SCORE",
                "variables", Map.of("scores", Map.of("TECHNOLOGY", 80))));
        ResponseEntity<Map<String, Object>> outOfRange = api.post(expert, path, Map.of("outcome", "SCORE",
                "variables", Map.of("scores", Map.of("TECHNOLOGY", 101, "MARKET", 80, "PLAN", 80, "FINANCE", 80, "TEAM", 80))));
        ResponseEntity<Map<String, Object>> recuseWithoutReason = api.post(expert, path, Map.of("outcome", "RECUSE"));
        ResponseEntity<Map<String, Object>> byOfficer = api.post("officer", path, Map.of("outcome", "SCORE",
                "variables", Map.of("scores", ApiClient.scores(80))));
        Map<String, Object> done = api.complete(expert, (String) task.get("id"), Map.of("outcome", "SCORE",
                "variables", Map.of("scores", Map.of("TECHNOLOGY", 90, "MARKET", 80, "PLAN", 70, "FINANCE", 60, "TEAM", 50))));

        // then
        assertThat(noScores.getBody()).containsEntry("field", "variables.scores");
        assertThat(missing.getBody()).containsEntry("field", "variables.scores.MARKET");
        assertThat(outOfRange.getBody()).containsEntry("field", "variables.scores.TECHNOLOGY");
        assertThat(recuseWithoutReason.getBody()).containsEntry("field", "comment");
        assertThat(byOfficer.getStatusCode().value()).isIn(403, 404);
        // 0.30×90 + 0.25×80 + 0.20×70 + 0.15×60 + 0.10×50 = 75.00
        assertThat(new java.math.BigDecimal(((Map<?, ?>) done.get("variables")).get("score").toString()))
                .isEqualByComparingTo("75.00");
    }

    @Test
    void shouldDrawAnotherExpertWhenOneRecuses() {
        // given
        String id = submitted();
        api.passFormalCheck(id);
        Map<String, Object> task = expertTask(id);

        // when
        api.complete((String) task.get("assignee"), (String) task.get("id"),
                Map.of("outcome", "RECUSE", "comment", "曾为该企业提供咨询 I advised this enterprise"));

        // then
        List<Map<String, Object>> draws = ApiClient.await("a fourth draw", java.time.Duration.ofSeconds(20), () -> {
            List<Map<String, Object>> d = api.list("officer", "/api/cases/" + id + "/experts");
            return d.size() == 4 ? d : null;
        });
        assertThat(draws).extracting(d -> d.get("status")).contains("RECUSED");
        assertThat(draws).extracting(d -> d.get("expertUser")).doesNotHaveDuplicates();
        assertThat(draws).filteredOn(d -> "RECUSED".equals(d.get("status"))).extracting(d -> d.get("expertUser"))
                .containsExactly(task.get("assignee"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldServeTheOpenApiDescription() {
        // when
        ResponseEntity<java.util.Map<String, Object>> docs = api.get("applicant", "/v3/api-docs");

        // then
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(((Map<String, Object>) docs.getBody().get("paths")).keySet()).contains("/api/cases", "/api/cases/{id}/submit",
                "/api/cases/{caseId}/documents", "/api/tasks", "/api/tasks/{id}/complete", "/api/measures",
                "/api/notifications", "/api/rounds", "/api/publicity", "/api/payouts/exports");
    }

    /** The first open expert task of the case, as the drawn expert sees it (expert1 is never drawn here). */
    private Map<String, Object> expertTask(String id) {
        return ApiClient.await("an expert task", java.time.Duration.ofSeconds(20), () -> {
            for (int i = 2; i <= 8; i++) {
                for (Map<String, Object> t : api.list("expert" + i, "/api/tasks")) {
                    if (id.equals(t.get("caseId"))) {
                        return t;
                    }
                }
            }
            return null;
        });
    }

    private String submitted() {
        String id = (String) api.createCase("applicant", round, INVESTMENT_MEASURE, Map.of("INVESTMENT", "1000000.00")).get("id");
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
        return id;
    }
}
