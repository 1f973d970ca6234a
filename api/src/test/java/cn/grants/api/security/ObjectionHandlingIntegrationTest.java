package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Objections worth investigating: the investigating officer sees who objected and how to reach them, and every
 * objection on the case; a further filing from the same contact is merged into that objector's open objection; the
 * content is bounded; the case is held once, however many objections arrive while it is held, and the one decision
 * decides them all. The applicant sees the objections without the objectors' names and contacts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT2M", "grants.lifecycle.review-poll=PT1S"})
class ObjectionHandlingIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ResponseEntity<Map> object(String caseId, String name, String contact, String content) {
        return rest.postForEntity("/api/publicity/" + caseId + "/objections",
                Map.of("type", "COMPLAINT", "name", name, "contact", contact, "content", content), Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> objections(ApiClient api, String user, String caseId) {
        return (List<Map<String, Object>>) api.get(user, "/api/cases/" + caseId).getBody().get("objections");
    }

    @Test
    void shouldHoldTheCaseOnceMergeRepeatedFilingsAndShowTheOfficerWhoObjected() {
        // given a case in publicity
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofSeconds(8), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.passReview(caseId, 80);
        api.awaitStage("applicant", caseId, "PUBLICITY");

        // when one objector files, files again from the same contact written differently, and another objects
        assertThat(object(caseId, "张三", "139 0000 0000", "合同金额与实际不符").getStatusCode().value()).isEqualTo(201);
        api.awaitStage("applicant", caseId, "ON_HOLD");
        ResponseEntity<?> again = object(caseId, "张三", "13900000000", "补充：附发票复印件");
        ResponseEntity<?> other = object(caseId, "李四", "lisi@example.com", "设备未到货");
        ResponseEntity<?> tooLong = object(caseId, "王五", "13700000000", "长".repeat(5001));

        // then the repeated filing is merged, the second objector joins the investigation, an over-long one is refused
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(other.getStatusCode().value()).isEqualTo(201);
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat(((Map<?, ?>) tooLong.getBody()).get("field")).isEqualTo("content");
        List<Map<String, Object>> seenByOfficer = objections(api, "officer", caseId);
        assertThat(seenByOfficer).hasSize(2);
        assertThat(seenByOfficer.get(0)).containsEntry("objectorName", "张三").containsEntry("contact", "139 0000 0000")
                .containsEntry("filings", 2);
        assertThat((String) seenByOfficer.get(0).get("content")).contains("合同金额与实际不符", "补充：附发票复印件");
        assertThat(seenByOfficer.get(1)).containsEntry("objectorName", "李四").containsEntry("contact", "lisi@example.com");
        assertThat(objections(api, "applicant", caseId)).hasSize(2)
                .allSatisfy(o -> assertThat(o.get("objectorName")).isNull())
                .allSatisfy(o -> assertThat(o.get("contact")).isNull());

        // and the case is held once: one investigation, whose decision decides every objection
        String investigation = api.task("officer", caseId, "UserTask_InvestigateObjection");
        ApiClient.sleep(2000); // a second hold would have opened its task by now
        assertThat(api.list("officer", "/api/tasks")).filteredOn(t -> caseId.equals(t.get("caseId"))
                && "UserTask_InvestigateObjection".equals(t.get("taskType"))).hasSize(1);
        api.complete("officer", investigation, Map.of("outcome", "DISMISS", "comment", "经核查，合同与发票一致"));
        api.awaitStage("applicant", caseId, "PUBLICITY");
        assertThat(objections(api, "officer", caseId)).extracting(o -> o.get("status"))
                .containsExactly("DISMISSED", "DISMISSED");
    }
}
