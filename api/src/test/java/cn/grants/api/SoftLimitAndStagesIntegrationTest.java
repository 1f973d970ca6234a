package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Soft and hard limits, and staged competitions, as officers and finance use them: 003 第6条 "原则上不超过5000万元" may
 * be exceeded for a case only with a reason and a second officer's approval, while "按不超过总投资的50%" and 000（三）
 * "最高给予1亿元" never are; 000（三）'s 赛马制 is paid by the stages the round states, each after a stage review that
 * may stop the competitor, the stages paid standing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    // the race's publicity passes without objections: ten seconds instead of the development runtime's minute
    "grants.lifecycle.publicity-duration=PT10S"})
class SoftLimitAndStagesIntegrationTest {

    static final String CENTRE = "sz-mfg-06-innovation-centre";
    static final String RACE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;

    static String creditCode() {
        return CreditCodes.withCheck("91440300MA5F" + ThreadLocalRandom.current().nextInt(10000, 99999));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldExceedASoftLimitOnlyWithAReasonAndASecondOfficerAndNeverAHardOne() {
        // given an innovation centre investing 140,000,000: 50% is 70,000,000, "原则上不超过5000万元" makes it 50,000,000
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), CENTRE, RACE);
        String id = (String) api.createCase("applicant", round, CENTRE, Map.of("INVESTMENT", "140000000.00"),
                "深圳市制造业创新中心有限公司", creditCode()).get("id");
        api.post("applicant", "/api/cases/" + id + "/submit", null);
        api.passReview(id, 85);
        Map<String, Object> calculated = api.awaitStage("officer", id, "AWAITING_BATCH");
        assertThat(calculated.get("calculatedAmount")).isEqualTo("50000000.00");
        assertThat((Map<String, Object>) calculated.get("softLimit")).containsEntry("kind", "CAP")
                .containsEntry("limit", "原则上不超过5000万元").containsEntry("defaultValue", "50000000");

        // when an officer asks without a reason, or for no more than the limit
        ResponseEntity<Map<String, Object>> noReason = api.post("officer", "/api/cases/" + id + "/limit-exceptions",
                Map.of("value", "80000000.00"));
        ResponseEntity<Map<String, Object>> notAbove = api.post("officer", "/api/cases/" + id + "/limit-exceptions",
                Map.of("value", "50000000.00", "reason", "理由"));

        // then both are refused, naming the field
        assertThat(noReason.getBody()).containsEntry("status", 400).containsEntry("field", "reason");
        assertThat(notAbove.getBody()).containsEntry("status", 400).containsEntry("field", "value");

        // when the officer asks, with the reason, and approves the request himself
        ResponseEntity<Map<String, Object>> asked = api.post("officer", "/api/cases/" + id + "/limit-exceptions",
                Map.of("value", "80000000.00", "reason", "国家级创新中心，建设内容经市政府常务会议审定"));
        String exception = ((List<Map<String, Object>>) ((Map<String, Object>) asked.getBody().get("softLimit"))
                .get("exceptions")).get(0).get("id").toString();
        ResponseEntity<Map<String, Object>> byHimself = api.post("officer", "/api/cases/" + id + "/limit-exceptions/"
                + exception + "/approve", Map.of());

        // then nothing changes until another officer approves it
        assertThat(asked.getStatusCode().value()).isEqualTo(201);
        assertThat(asked.getBody().get("calculatedAmount")).isEqualTo("50000000.00");
        assertThat(byHimself.getStatusCode().value()).isEqualTo(409);
        assertThat(byHimself.getBody().get("detail").toString()).contains("another officer");

        // when a second officer approves it
        Map<String, Object> approved = api.post("officer2", "/api/cases/" + id + "/limit-exceptions/" + exception
                + "/approve", Map.of("note", "同意")).getBody();

        // then the case is recalculated with the soft limit raised, and the hard limit (50% of the investment) holds
        assertThat(approved.get("calculatedAmount")).isEqualTo("70000000.00");
        assertThat(approved.get("explanation").toString()).contains("原则上不超过5000万元 exceeded to 80000000",
                "asked by officer, approved by officer2");
        assertThat(((List<Map<String, Object>>) ((Map<String, Object>) approved.get("softLimit")).get("exceptions"))
                .get(0)).containsEntry("status", "APPROVED").containsEntry("decidedBy", "officer2");

        // and a clause's "最高/不超过" limit cannot be exceeded at all
        String race = (String) api.createCase("applicant", round, RACE, Map.of("INVESTMENT", "1000000.00"),
                "深圳市赛马装备有限公司", creditCode()).get("id");
        api.post("applicant", "/api/cases/" + race + "/submit", null);
        api.passReview(race, 85);
        api.awaitStage("officer", race, "AWAITING_BATCH");
        ResponseEntity<Map<String, Object>> hard = api.post("officer", "/api/cases/" + race + "/limit-exceptions",
                Map.of("value", "200000000.00", "reason", "重大项目"));
        assertThat(hard.getStatusCode().value()).isEqualTo(409);
        assertThat(hard.getBody().get("detail").toString()).contains("can never be exceeded");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPayARaceStageByStageAndStopACompetitorKeepingTheStagesPaid() {
        // given a round paying 000（三）'s 赛马制 in three stages, 50/25/25 (the round's data)
        ApiClient api = new ApiClient(rest);
        ResponseEntity<Map<String, Object>> unstaged = api.requestRound("赛马批次", Duration.ofSeconds(12), Map.of(),
                Map.of(CENTRE, Map.of("method", "RACE", "shares", List.of("0.50", "0.50"))), CENTRE);
        ResponseEntity<Map<String, Object>> unbalanced = api.requestRound("赛马批次", Duration.ofSeconds(12), Map.of(),
                Map.of(RACE, Map.of("method", "RACE", "shares", List.of("0.50", "0.30"))), RACE);
        ResponseEntity<Map<String, Object>> milestone = api.requestRound("赛马批次", Duration.ofSeconds(12), Map.of(),
                Map.of(RACE, Map.of("method", "MILESTONE", "shares", List.of("0.50", "0.50"))), RACE);
        assertThat(unstaged.getBody()).containsEntry("status", 400).containsEntry("field", "stages." + CENTRE);
        assertThat(unbalanced.getBody()).containsEntry("field", "stages." + RACE + ".shares");
        assertThat(milestone.getBody()).containsEntry("field", "stages." + RACE + ".method");
        String round = api.openRound(Duration.ofSeconds(12), Map.of(),
                Map.of(RACE, Map.of("method", "RACE", "shares", List.of("0.50", "0.25", "0.25"))), RACE);
        assertThat(api.get("officer", "/api/rounds/" + round).getBody().get("stages").toString())
                .contains("RACE", "0.50", "0.25");

        // and a competitor granted 30% of 10,000,000
        String id = (String) api.createCase("applicant", round, RACE, Map.of("INVESTMENT", "10000000.00"),
                "深圳市赛马精密装备有限公司", creditCode()).get("id");
        api.post("applicant", "/api/cases/" + id + "/submit", null);
        api.passReview(id, 85);
        api.awaitStage("applicant", id, "PUBLICITY"); // after the window closes and the batch decides
        ApiClient.await("the first stage's payout to approve, after the publicity", Duration.ofSeconds(150), () ->
                "FINANCE_APPROVAL".equals(api.get("applicant", "/api/cases/" + id).getBody().get("currentStage"))
                        ? true : null);

        // when finance pays the first stage, the first stage review lets it go on and finance pays the second
        api.complete("finance", api.task("finance", id, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
        api.awaitStage("applicant", id, "STAGE_REVIEW");
        api.complete("officer", api.task("officer", id, "UserTask_StageReview"), Map.of("outcome", "CONTINUE"));
        api.complete("finance", api.task("finance", id, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
        api.awaitStage("applicant", id, "STAGE_REVIEW");

        // and the second stage review stops it, without a reason, then with one
        String review = api.task("officer", id, "UserTask_StageReview");
        ResponseEntity<Map<String, Object>> bare = api.post("officer", "/api/tasks/" + review + "/complete",
                Map.of("outcome", "STOP"));
        api.complete("officer", review, Map.of("outcome", "STOP", "comment", "样机指标落后于其他团队"));

        // then the case ends STOPPED with the two stages paid standing and the third not funded
        assertThat(bare.getBody()).containsEntry("field", "comment");
        Map<String, Object> stopped = api.awaitStage("applicant", id, "STOPPED");
        assertThat(stopped.get("paidAmount")).isEqualTo("2250000.00");
        assertThat(stopped.get("rejectionReason").toString()).contains("样机指标落后于其他团队");
        assertThat((List<Map<String, Object>>) stopped.get("tranches")).extracting(t -> t.get("kind"), t -> t.get("amount"),
                t -> t.get("status")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ONE_OFF", "1500000.00", "PAID"),
                        org.assertj.core.groups.Tuple.tuple("STAGE", "750000.00", "PAID"),
                        org.assertj.core.groups.Tuple.tuple("STAGE", "750000.00", "CANCELLED"));
        assertThat(api.list("officer", "/api/tasks")).noneMatch(t -> id.equals(t.get("caseId")));
    }
}
