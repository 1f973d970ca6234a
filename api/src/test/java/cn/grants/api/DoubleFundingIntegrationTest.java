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
 * No double funding at submission: one innovation centre applied for under 000（十六）and again under 003 第6条 (the
 * overlap group innovation-centre) is refused with 409 naming the first case; the officer's formal check lists the
 * enterprise's other applications, marking the same thing. The batch refusal: BudgetConservationIntegrationTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class DoubleFundingIntegrationTest {

    static final String EQUIPMENT = "sz-equip-16-innovation-centre";
    static final String MANUFACTURING = "sz-mfg-06-innovation-centre";

    @Autowired
    TestRestTemplate rest;

    Map<String, Object> application(ApiClient api, String round, String measure, String creditCode, String subject) {
        ResponseEntity<Map<String, Object>> response = api.post("applicant", "/api/cases", Map.of("roundId", round,
                "measureId", measure, "applicant", Map.of("name", "深圳市创新中心有限公司", "creditCode", creditCode),
                "project", Map.of("title", "创新中心平台建设", "subject", subject),
                "payee", ApiClient.payee("深圳市创新中心有限公司"), "inputs", Map.of("INVESTMENT", "10000000.00"),
                "eligibility", api.eligibleAnswers(measure)));
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRefuseASecondApplicationForTheSameCentreUnderAnotherClauseAndListItForTheOfficer() {
        // given a round taking both clauses, and the enterprise's application for its centre under 000（十六）
        ApiClient api = new ApiClient(rest);
        String creditCode = CreditCodes.withCheck("91440300MA5F" + ThreadLocalRandom.current().nextInt(10000, 99999));
        String centre = "深圳市高端装备创新中心" + ThreadLocalRandom.current().nextInt(1000, 9999);
        String round = api.openRound(Duration.ofHours(1), Map.of(EQUIPMENT, "900000000.00",
                MANUFACTURING, "900000000.00"), EQUIPMENT, MANUFACTURING);
        Map<String, Object> created = application(api, round, EQUIPMENT, creditCode, centre);
        String first = (String) created.get("id");
        // (the case records the version of its policy document, a draft for comment)
        Map<String, Object> measure = api.get("applicant", "/api/measures/" + EQUIPMENT).getBody();
        assertThat((Map<String, Object>) created.get("source"))
                .containsEntry("documentVersion", ((Map<String, Object>) measure.get("source")).get("version"))
                .containsEntry("documentStatus", "DRAFT_FOR_COMMENT");
        assertThat(api.post("applicant", "/api/cases/" + first + "/submit", null).getStatusCode().value())
                .isIn(200, 202);

        // when it applies for the same centre (written differently) under 003 第6条, and for another centre
        String sameCentre = " " + centre.replace("创新", "创新 ") + "。";
        Map<String, Object> again = application(api, round, MANUFACTURING, creditCode, sameCentre);
        ResponseEntity<Map<String, Object>> refused = api.post("applicant", "/api/cases/" + again.get("id") + "/submit",
                null);
        String other = (String) application(api, round, MANUFACTURING, creditCode, "深圳市新材料创新中心").get("id");
        ResponseEntity<Map<String, Object>> accepted = api.post("applicant", "/api/cases/" + other + "/submit", null);

        // then the same centre is refused, naming the first case; the case stays a draft; the other centre is taken
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
        assertThat((String) refused.getBody().get("detail")).contains("重复资助", first, EQUIPMENT, "000 （十六）",
                "003 6.");
        assertThat(api.get("applicant", "/api/cases/" + again.get("id")).getBody()).containsEntry("status", "DRAFT");
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isIn(200, 202);
        assertThat((Map<String, Object>) again.get("project")).containsEntry("subject", sameCentre.strip());

        // and the officer's formal check of the other centre lists the enterprise's applications, marking none the same
        Map<String, Object> related = api.get("officer", "/api/cases/" + other + "/related").getBody();
        assertThat(related).containsEntry("creditCode", creditCode);
        assertThat((Map<String, Object>) related.get("overlapGroup")).containsEntry("id", "innovation-centre")
                .containsEntry("key", "PLATFORM");
        List<Map<String, Object>> applications = (List<Map<String, Object>>) related.get("applications");
        assertThat(applications).extracting(a -> a.get("id")).containsExactly(first);
        assertThat(applications.get(0)).containsEntry("sameThing", false).containsEntry("subject", centre)
                .containsEntry("measureId", EQUIPMENT);
        // the refused draft's view would mark the first application as the same centre
        Map<String, Object> forDraft = api.get("officer", "/api/cases/" + again.get("id") + "/related").getBody();
        assertThat((List<Map<String, Object>>) forDraft.get("applications"))
                .anySatisfy(a -> assertThat(a).containsEntry("id", first).containsEntry("sameThing", true))
                .anySatisfy(a -> assertThat(a).containsEntry("id", other).containsEntry("sameThing", false));
        assertThat(api.get("applicant", "/api/cases/" + other + "/related").getStatusCode().value()).isEqualTo(403);
        assertThat(api.get("expert1", "/api/cases/" + other + "/related").getStatusCode().value()).isEqualTo(403);
    }
}
