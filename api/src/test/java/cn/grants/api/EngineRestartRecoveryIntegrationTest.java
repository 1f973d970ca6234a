package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * The run command stopped in the middle of three rounds and started again on the same ./data with a fresh in-memory
 * engine: every running case is resumed where it was — formal check, correction, expert review with a score given,
 * awaiting the batch, publicity with its timer running, on hold for an objection, awaiting finance — and the rounds
 * finish to PAID with the same amounts, one task per human step and no second draw, notification or payment.
 */
class EngineRestartRecoveryIntegrationTest {

    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";
    static final String SCORE = "UserTask_ExpertScore";

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(GrantsApplication.class).run("--server.port=0",
                "--grants.data-dir=" + dataDir, "--grants.zeebe.embedded-port=0",
                "--grants.lifecycle.review-poll=PT1S", "--grants.lifecycle.publicity-duration=PT15S");
    }

    private static TestRestTemplate rest(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
    }

    private static String code(int n) {
        return CreditCodes.withCheck("91440300MA5F1000" + n);
    }

    private static String apply(ApiClient api, String user, String round, String investment, int n) {
        String id = (String) api.createCase(user, round, EQUIPMENT, Map.of("INVESTMENT", investment),
                "深圳市恢复测试" + n + "号有限公司", code(n)).get("id");
        assertThat(api.post(user, "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
        return id;
    }

    /** The open tasks of an element on a case that the user sees. */
    private static List<Map<String, Object>> tasks(ApiClient api, String user, String caseId, String taskType) {
        return api.list(user, "/api/tasks").stream()
                .filter(t -> caseId.equals(t.get("caseId")) && taskType.equals(t.get("taskType"))).toList();
    }

    /** Every expert's open scoring tasks on the case: expert → task ids. */
    private static Map<String, List<String>> expertTasks(ApiClient api, String caseId) {
        Map<String, List<String>> byExpert = new HashMap<>();
        for (int i = 1; i <= 8; i++) {
            String expert = "expert" + i;
            List<String> ids = tasks(api, expert, caseId, SCORE).stream().map(t -> (String) t.get("id")).toList();
            if (!ids.isEmpty()) {
                byExpert.put(expert, ids);
            }
        }
        return byExpert;
    }

    private static List<String> panel(ApiClient api, String caseId) {
        return api.list("officer", "/api/cases/" + caseId + "/experts").stream()
                .map(d -> d.get("slot") + ":" + d.get("attempt") + ":" + d.get("expertUser") + ":" + d.get("status"))
                .sorted().toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldResumeEveryRunningCaseAfterARestartAndFinishTheRoundsToPaid() {
        Path data = Path.of("target/restart-data", UUID.randomUUID().toString());
        String p1;
        String p2;
        String q1;
        String r1;
        String r2;
        String r3;
        String r4;
        String r2Scorer;
        List<String> r2Panel;
        Map<String, String> stagesBefore = new HashMap<>();
        Map<String, String> tasksBefore = new HashMap<>();
        Map<String, Object> p1Before;
        Map<String, Object> q1Before;
        Map<String, Object> r3Before;

        // given three rounds running when the application stops
        try (ConfigurableApplicationContext first = start(data)) {
            TestRestTemplate rest = rest(first);
            ApiClient api = new ApiClient(rest);
            String roundP = api.openRound(Duration.ofSeconds(8), Map.of(), EQUIPMENT);
            String roundR = api.openRound(Duration.ofSeconds(30), Map.of(), EQUIPMENT);
            p1 = apply(api, "applicant", roundP, "1000000.00", 1);
            p2 = apply(api, "applicant2", roundP, "2000000.00", 2);
            r1 = apply(api, "applicant", roundR, "1500000.00", 3);
            r2 = apply(api, "applicant2", roundR, "2500000.00", 4);
            r3 = apply(api, "applicant3", roundR, "3000000.00", 5);
            r4 = apply(api, "applicant", roundR, "3500000.00", 6);
            api.passReview(p1, 80);
            api.passReview(p2, 80);

            // round R: r1 at its formal check, r2 in expert review with one score given, r3 awaiting the batch,
            // r4 returned for correction
            tasksBefore.put(r1, api.task("officer", r1, "UserTask_FormalCheck"));
            api.passFormalCheck(r2);
            Map<String, List<String>> drawn = ApiClient.await("three experts drawn for r2", Duration.ofSeconds(30), () -> {
                Map<String, List<String>> t = expertTasks(api, r2);
                return t.size() == 3 ? t : null;
            });
            r2Scorer = drawn.keySet().stream().sorted().findFirst().orElseThrow();
            api.complete(r2Scorer, drawn.get(r2Scorer).get(0), Map.of("outcome", "SCORE",
                    "variables", Map.of("scores", ApiClient.scores(90))));
            api.passReview(r3, 85);
            api.complete("officer", api.task("officer", r4, "UserTask_FormalCheck"),
                    Map.of("outcome", "RETURN", "comment", "请补充审计报告"));
            tasksBefore.put(r4, api.task("applicant", r4, "UserTask_Correction"));
            r3Before = api.awaitStage("applicant3", r3, "AWAITING_BATCH");

            // round P: in publicity, a named complaint holds p2
            api.awaitStage("applicant", p1, "PUBLICITY");
            ResponseEntity<Map> objection = rest.postForEntity("/api/publicity/" + p2 + "/objections",
                    Map.of("type", "COMPLAINT", "name", "张三", "contact", "13900000000", "content", "合同金额与实际不符"),
                    Map.class);
            assertThat(objection.getBody()).containsEntry("status", "UNDER_INVESTIGATION");
            tasksBefore.put(p2, api.task("officer", p2, "UserTask_InvestigateObjection"));

            // round Q opens now, so that its publicity runs when the application stops
            String roundQ = api.openRound(Duration.ofSeconds(4), Map.of(), EQUIPMENT);
            q1 = apply(api, "applicant3", roundQ, "4000000.00", 7);
            api.passReview(q1, 90);
            q1Before = api.awaitStage("applicant3", q1, "PUBLICITY");

            // p1 passed its publicity and waits for finance
            p1Before = api.awaitStage("applicant", p1, "FINANCE_APPROVAL");
            tasksBefore.put(p1, api.task("finance", p1, "UserTask_FinanceApproval"));
            r2Panel = panel(api, r2);
            for (String c : List.of(p1, p2, q1, r1, r2, r3, r4)) {
                stagesBefore.put(c, (String) api.get("officer", "/api/cases/" + c).getBody().get("currentStage"));
            }
        }
        assertThat(stagesBefore).containsEntry(p1, "FINANCE_APPROVAL").containsEntry(p2, "ON_HOLD")
                .containsEntry(r1, "FORMAL_CHECK").containsEntry(r2, "EXPERT_REVIEW").containsEntry(r3, "AWAITING_BATCH")
                .containsEntry(r4, "CORRECTION");
        assertThat(r2Panel).hasSize(3).anyMatch(d -> d.endsWith(r2Scorer + ":SCORED"));

        // when the application starts again on the same data, with a fresh in-memory engine
        try (ConfigurableApplicationContext second = start(data)) {
            ApiClient api = new ApiClient(rest(second));

            // then every case is where it was, running, and its timeline says it was resumed
            for (String c : List.of(p1, p2, q1, r1, r2, r3, r4)) {
                Map<String, Object> now = api.get("officer", "/api/cases/" + c).getBody();
                assertThat(now.get("status")).as("status of %s", c).isIn("IN_PROGRESS", "RETURNED");
                if (!c.equals(q1)) {
                    assertThat(now.get("currentStage")).as("stage of %s", c).isEqualTo(stagesBefore.get(c));
                }
                if (!c.equals(r3)) {
                    assertThat((List<Map<String, Object>>) now.get("timeline")).as("timeline of %s", c)
                            .anyMatch(e -> String.valueOf(e.get("detail")).startsWith("恢复 resumed after engine restart at"));
                }
            }

            // and each human step has exactly one open task, a new one; experts who scored are not asked again
            assertThat(ApiClient.await("r1's formal check", Duration.ofSeconds(30),
                    () -> nonEmpty(tasks(api, "officer", r1, "UserTask_FormalCheck")))).hasSize(1)
                    .noneMatch(t -> t.get("id").equals(tasksBefore.get(r1)));
            assertThat(ApiClient.await("r4's correction", Duration.ofSeconds(30),
                    () -> nonEmpty(tasks(api, "applicant", r4, "UserTask_Correction")))).hasSize(1)
                    .noneMatch(t -> t.get("id").equals(tasksBefore.get(r4)));
            assertThat(ApiClient.await("p2's investigation", Duration.ofSeconds(30),
                    () -> nonEmpty(tasks(api, "officer", p2, "UserTask_InvestigateObjection")))).hasSize(1)
                    .noneMatch(t -> t.get("id").equals(tasksBefore.get(p2)));
            assertThat(ApiClient.await("p1's finance approval", Duration.ofSeconds(30),
                    () -> nonEmpty(tasks(api, "finance", p1, "UserTask_FinanceApproval")))).hasSize(1)
                    .noneMatch(t -> t.get("id").equals(tasksBefore.get(p1)));
            Map<String, List<String>> r2Tasks = ApiClient.await("r2's two experts", Duration.ofSeconds(30), () -> {
                Map<String, List<String>> t = expertTasks(api, r2);
                return t.size() == 2 ? t : null;
            });
            assertThat(r2Tasks).doesNotContainKey(r2Scorer).allSatisfy((expert, ids) -> assertThat(ids).hasSize(1));
            assertThat(panel(api, r2)).isEqualTo(r2Panel);

            // when everyone works their steps
            api.complete("officer", tasks(api, "officer", r1, "UserTask_FormalCheck").get(0).get("id").toString(),
                    api.formalCheckApproval(r1));
            api.expertsScore(r1, 80, 3);
            r2Tasks.forEach((expert, ids) -> api.complete(expert, ids.get(0), Map.of("outcome", "SCORE",
                    "variables", Map.of("scores", ApiClient.scores(80)))));
            api.complete("applicant", tasks(api, "applicant", r4, "UserTask_Correction").get(0).get("id").toString(),
                    Map.of("outcome", "RESUBMIT"));
            api.passReview(r4, 75);
            api.complete("officer", tasks(api, "officer", p2, "UserTask_InvestigateObjection").get(0).get("id").toString(),
                    Map.of("outcome", "DISMISS", "comment", "经核查，投诉不实"));
            api.complete("finance", tasks(api, "finance", p1, "UserTask_FinanceApproval").get(0).get("id").toString(),
                    Map.of("outcome", "APPROVE"));
            api.complete("finance", api.task("finance", p2, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
            api.complete("finance", api.task("finance", q1, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
            for (String c : List.of(r1, r2, r3, r4)) {
                api.complete("finance", ApiClient.await("finance approval of " + c, Duration.ofSeconds(90),
                        () -> nonEmpty(tasks(api, "finance", c, "UserTask_FinanceApproval"))).get(0).get("id").toString(),
                        Map.of("outcome", "APPROVE"));
            }

            // then every case is paid, with the amounts decided before the restart
            Map<String, Map<String, Object>> paid = new HashMap<>();
            for (String[] c : new String[][] {{"applicant", p1}, {"applicant2", p2}, {"applicant3", q1},
                    {"applicant", r1}, {"applicant2", r2}, {"applicant3", r3}, {"applicant", r4}}) {
                paid.put(c[1], api.awaitCase(c[0], c[1], "PAID"));
            }
            assertThat(paid.get(p1).get("paidAmount")).isEqualTo(p1Before.get("approvedAmount"));
            assertThat(paid.get(r3).get("paidAmount")).isEqualTo(r3Before.get("calculatedAmount"));
            paid.values().forEach(c -> assertThat(c.get("paidAmount")).isEqualTo(c.get("approvedAmount")));

            // and q1's publicity kept its end: it was listed in the funding plan only after it
            Instant publicityEnds = Instant.parse(q1Before.get("publicityEnds").toString());
            assertThat(paid.get(q1).get("publicityEnds").toString()).isEqualTo(q1Before.get("publicityEnds").toString());
            assertThat((List<Map<String, Object>>) paid.get(q1).get("timeline"))
                    .filteredOn(e -> "FUNDING_PLAN".equals(e.get("stage")) && "ENTERED".equals(e.get("event")))
                    .singleElement().satisfies(e -> assertThat(Instant.parse(e.get("at").toString()))
                            .isAfterOrEqualTo(publicityEnds));

            // and nothing happened twice: one payment per case, one draw per expert slot, no notice repeated
            List<Map<String, Object>> payouts = api.list("finance", "/api/payouts").stream()
                    .filter(p -> paid.containsKey((String) p.get("caseId"))).toList();
            assertThat(payouts).hasSize(7);
            assertThat(payouts.stream().map(p -> p.get("caseId")).collect(Collectors.toSet())).hasSize(7);
            payouts.forEach(p -> assertThat(new BigDecimal((String) p.get("amount")))
                    .isEqualByComparingTo(new BigDecimal((String) paid.get((String) p.get("caseId")).get("paidAmount"))));
            assertThat(api.list("officer", "/api/cases/" + r2 + "/experts")).hasSize(3)
                    .extracting(d -> d.get("status")).containsOnly("SCORED");
            for (String user : List.of("applicant", "applicant2", "applicant3")) {
                Map<Object, List<Object>> stages = new HashMap<>();
                for (Map<String, Object> n : api.list(user, "/api/notifications")) {
                    stages.computeIfAbsent(n.get("caseId"), k -> new ArrayList<>()).add(n.get("stage"));
                }
                stages.forEach((caseId, seen) -> {
                    for (int i = 1; i < seen.size(); i++) {
                        assertThat(seen.get(i)).as("notices of %s: %s", caseId, seen).isNotEqualTo(seen.get(i - 1));
                    }
                });
                assertThat(stages.values()).allSatisfy(seen -> assertThat(Set.copyOf(seen)).contains("PAID"));
                stages.values().forEach(seen -> assertThat(seen.stream().filter("FINANCE_APPROVAL"::equals)).hasSize(1));
            }
        }
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }
}
