package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * 核定 as officers and applicants use it: where the clause gives only a ceiling (003 第13条 "给予最高50万元奖励") the case
 * waits for an officer's determination in its task, the experts' recommended amounts beside it, never above the
 * ceiling and always with the reason, which the applicant sees; where a rate is stated as a ceiling (000（三）"不超过
 * 项目投资额的30%") the calculation stands unless an officer determines less before the batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class AmountDeterminationIntegrationTest {

    static final String LITTLE_GIANT = "sz-mfg-13-little-giant";
    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;

    String submitted(ApiClient api, String round, String measure, Map<String, Object> inputs) {
        String creditCode = CreditCodes.withCheck("91440300MA5F" + ThreadLocalRandom.current().nextInt(10000, 99999));
        String id = (String) api.createCase("applicant", round, measure, inputs, "深圳市小巨人科技有限公司", creditCode)
                .get("id");
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isIn(200, 202);
        api.passFormalCheck(id);
        return id;
    }

    /** Every drawn expert scores, recommending the amount given (or none). */
    void scored(ApiClient api, String caseId, String recommended) {
        int scored = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (scored < 3 && System.nanoTime() < deadline) {
            for (int i = 1; i <= 8; i++) {
                for (Map<String, Object> t : api.list("expert" + i, "/api/tasks")) {
                    if (caseId.equals(t.get("caseId")) && "UserTask_ExpertScore".equals(t.get("taskType"))) {
                        Map<String, Object> variables = recommended == null ? Map.of("scores", ApiClient.scores(80))
                                : Map.of("scores", ApiClient.scores(80), "recommendedAmount", recommended);
                        api.complete("expert" + i, (String) t.get("id"), Map.of("outcome", "SCORE", "variables", variables));
                        scored++;
                    }
                }
            }
            ApiClient.sleep(300);
        }
        assertThat(scored).as("experts who scored").isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldHaveAnOfficerDetermineACeilingOnlyAwardWithinTheCeilingAndTheReason() {
        // given a little giant's application (给予最高50万元奖励), scored by experts who recommend 35万
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(LITTLE_GIANT, "10000000.00"), LITTLE_GIANT);
        String id = submitted(api, round, LITTLE_GIANT, Map.of("TIER", "NATIONAL_LITTLE_GIANT"));
        scored(api, id, "350000.00");

        // when the officer opens the determination task
        String task = api.task("officer", id, "UserTask_DetermineAmount");
        Map<String, Object> beforeIt = api.get("applicant", "/api/cases/" + id).getBody();
        List<Map<String, Object>> panel = api.list("officer", "/api/cases/" + id + "/experts");

        // then the calculation is the ceiling, said to be one, and the experts' recommendations are there
        assertThat((Map<String, Object>) beforeIt.get("determination")).containsEntry("kind", "REQUIRED")
                .containsEntry("ceiling", "500000.00").containsEntry("amount", null);
        assertThat((String) beforeIt.get("explanation")).contains("up to (最高/不超过)");
        assertThat(panel).filteredOn(d -> "SCORED".equals(d.get("status")))
                .extracting(d -> d.get("recommendedAmount")).containsOnly("350000.00");

        // and it refuses more than the ceiling, or no reason, keeping nothing
        ResponseEntity<Map<String, Object>> above = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "DETERMINE", "comment", "多给", "variables", Map.of("amount", "500000.01")));
        ResponseEntity<Map<String, Object>> unreasoned = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "DETERMINE", "variables", Map.of("amount", "300000.00")));
        assertThat(above.getStatusCode().value()).isEqualTo(400);
        assertThat(above.getBody()).containsEntry("field", "variables.amount");
        assertThat(unreasoned.getStatusCode().value()).isEqualTo(400);
        assertThat(unreasoned.getBody()).containsEntry("field", "comment");
        assertThat((Map<String, Object>) api.get("officer", "/api/cases/" + id).getBody().get("determination"))
                .containsEntry("amount", null);

        // when the officer determines 30万 with the reason
        api.complete("officer", task, Map.of("outcome", "DETERMINE", "comment", "按评审意见及企业规模核定",
                "variables", Map.of("amount", "300000.00")));

        // then the case awaits the batch asking 30万, and the applicant sees the amount and the reason
        Map<String, Object> after = api.awaitStage("applicant", id, "AWAITING_BATCH");
        assertThat((Map<String, Object>) after.get("determination")).containsEntry("amount", "300000.00")
                .containsEntry("reason", "按评审意见及企业规模核定").containsEntry("by", "officer")
                .containsEntry("ceiling", "500000.00");
        assertThat((String) after.get("explanation"))
                .contains("min(determined 300000.00, ceiling 500000.00) = 300000.00");
        Map<String, Object> preview = api.post("officer", "/api/budgets/" + LITTLE_GIANT + "/" + Year.now().getValue()
                + "/preview", Map.of("caseIds", List.of(id))).getBody();
        assertThat((List<Map<String, Object>>) preview.get("lines")).singleElement()
                .satisfies(l -> assertThat(new java.math.BigDecimal(String.valueOf(l.get("requested"))))
                        .isEqualByComparingTo("300000.00"));
        // such an amount is determined in its task, not ahead of it
        assertThat(api.post("officer", "/api/cases/" + id + "/determination",
                Map.of("amount", "200000.00", "reason", "再调")).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetAnOfficerDetermineLessThanARateStatedAsACeilingBeforeTheBatch() {
        // given a major-equipment case calculated at 30% of 1000万 (按照不超过项目总投资的30%), awaiting the batch
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), EQUIPMENT);
        String id = submitted(api, round, EQUIPMENT, Map.of("INVESTMENT", "10000000.00"));
        scored(api, id, null);
        Map<String, Object> waiting = api.awaitStage("officer", id, "AWAITING_BATCH");
        assertThat((Map<String, Object>) waiting.get("determination")).containsEntry("kind", "OPTIONAL")
                .containsEntry("ceiling", "3000000.00").containsEntry("amount", null);

        // when / then: above the ceiling, without a reason, or by the applicant: refused
        assertThat(api.post("officer", "/api/cases/" + id + "/determination",
                Map.of("amount", "3000000.01", "reason", "x")).getBody()).containsEntry("field", "amount");
        assertThat(api.post("officer", "/api/cases/" + id + "/determination",
                Map.of("amount", "2000000.00")).getBody()).containsEntry("field", "reason");
        assertThat(api.post("applicant", "/api/cases/" + id + "/determination",
                Map.of("amount", "1.00", "reason", "x")).getStatusCode().value()).isEqualTo(403);

        // when the officer determines 200万
        ResponseEntity<Map<String, Object>> determined = api.post("officer", "/api/cases/" + id + "/determination",
                Map.of("amount", "2000000.00", "reason", "部分投资不属于攻关内容"));

        // then
        assertThat(determined.getStatusCode().value()).isEqualTo(200);
        assertThat((Map<String, Object>) api.get("applicant", "/api/cases/" + id).getBody().get("determination"))
                .containsEntry("amount", "2000000.00").containsEntry("reason", "部分投资不属于攻关内容");
    }
}
