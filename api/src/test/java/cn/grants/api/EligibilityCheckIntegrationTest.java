package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Eligibility checked item by item, as applicants and officers use it: the applicant answers each condition of the
 * measure (004（七）"不少于3家单位" as a count, "符合要求的实施方案" as a declaration, the consortium's make-up by its
 * agreement); the system marks the count; the officer marks each condition in the formal check, and a case with an
 * unmet condition cannot pass until the applicant corrects it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class EligibilityCheckIntegrationTest {

    static final String CHAIN = "sz-newmat-07-innovation-chain-industry-chain";
    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;

    static String creditCode() {
        return CreditCodes.withCheck("91440300MA5F" + ThreadLocalRandom.current().nextInt(10000, 99999));
    }

    ResponseEntity<Map<String, Object>> apply(ApiClient api, String round, String measure, Map<String, Object> answers) {
        return api.post("applicant", "/api/cases", Map.of("roundId", round, "measureId", measure,
                "applicant", Map.of("name", "深圳市新材料联合体有限公司", "creditCode", creditCode()),
                "project", Map.of("title", "新材料创新链产业链融合"), "payee", ApiClient.payee("深圳市新材料联合体有限公司"),
                "inputs", Map.of("INVESTMENT", "10000000.00"), "eligibility", answers));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldHoldACaseWithAnUnmetConditionAtTheFormalCheckUntilTheApplicantCorrectsIt() {
        // given an application stating 2 consortium members (the clause asks for at least 3), with its agreement
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), CHAIN);
        ResponseEntity<Map<String, Object>> created = apply(api, round, CHAIN,
                Map.of("CONSORTIUM_MEMBERS", 2, "QUALIFYING_IMPLEMENTATION_PLAN", true));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        String id = created.getBody().get("id").toString();
        api.upload("applicant", id, "CONSORTIUM_AGREEMENT", "联合体协议.pdf", "application/pdf", "%PDF-1.4".getBytes());
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
        String task = api.task("officer", id, "UserTask_FormalCheck");

        // then the officer's checklist shows the count pre-marked unmet by the system, the others to verify
        Map<String, Map<String, Object>> checklist = conditions(api.get("officer", "/api/cases/" + id).getBody());
        assertThat(checklist.get("CONSORTIUM_MEMBERS")).containsEntry("answer", "2").containsEntry("systemMark", "NOT_MET")
                .containsEntry("mark", "NOT_MET").containsEntry("clause", "（七）").containsEntry("quote", "不少于3家单位");
        assertThat(checklist.get("QUALIFYING_IMPLEMENTATION_PLAN")).containsEntry("answer", "true")
                .containsEntry("mark", null);
        assertThat((List<String>) checklist.get("INDUSTRY_ACADEMIA_RESEARCH_USER").get("documents"))
                .containsExactly("联合体协议.pdf");

        // when the officer approves it with every other condition met, or marks the count met against the answer
        Map<String, Object> others = Map.of("QUALIFYING_IMPLEMENTATION_PLAN", Map.of("met", true),
                "INDUSTRY_ACADEMIA_RESEARCH_USER", Map.of("met", true, "note", "协议含高校与用户企业"));
        ResponseEntity<Map<String, Object>> approved = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE", "variables", Map.of("conditions", others)));
        Map<String, Object> overruled = new HashMap<>(others);
        overruled.put("CONSORTIUM_MEMBERS", Map.of("met", true));
        ResponseEntity<Map<String, Object>> overruling = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE", "variables", Map.of("conditions", overruled)));

        // then both are refused, naming the condition, and nothing of either was recorded
        assertThat(approved.getStatusCode().value()).isEqualTo(400);
        assertThat(approved.getBody()).containsEntry("field", "variables.conditions.CONSORTIUM_MEMBERS");
        assertThat(approved.getBody().get("detail").toString()).contains("cannot pass with an unmet condition");
        assertThat(overruling.getStatusCode().value()).isEqualTo(400);
        assertThat(overruling.getBody()).containsEntry("field", "variables.conditions.CONSORTIUM_MEMBERS");
        assertThat(conditions(api.get("officer", "/api/cases/" + id).getBody()).get("QUALIFYING_IMPLEMENTATION_PLAN"))
                .containsEntry("officerMark", null);
        assertThat(api.get("officer", "/api/tasks/" + task).getBody()).containsEntry("status", "OPEN");

        // when the officer returns it with the unmet condition noted, and the applicant corrects the count
        api.complete("officer", task, Map.of("outcome", "RETURN", "comment", "联合体成员不足3家",
                "variables", Map.of("conditions", Map.of("CONSORTIUM_MEMBERS",
                        Map.of("met", false, "note", "协议仅列2家单位")))));
        assertThat(conditions(api.get("applicant", "/api/cases/" + id).getBody()).get("CONSORTIUM_MEMBERS"))
                .containsEntry("officerNote", "协议仅列2家单位");
        api.complete("applicant", api.task("applicant", id, "UserTask_Correction"), Map.of("outcome", "RESUBMIT",
                "variables", Map.of("eligibility", Map.of("CONSORTIUM_MEMBERS", "4"))));

        // then the system marks the count met, and the officer passes the case with the others marked
        String again = api.task("officer", id, "UserTask_FormalCheck");
        assertThat(conditions(api.get("officer", "/api/cases/" + id).getBody()).get("CONSORTIUM_MEMBERS"))
                .containsEntry("answer", "4").containsEntry("systemMark", "MET").containsEntry("officerMark", null);
        api.complete("officer", again, Map.of("outcome", "APPROVE", "variables", Map.of("conditions", others)));
        api.awaitStage("applicant", id, "EXPERT_REVIEW");
        Map<String, Map<String, Object>> passed = conditions(api.get("applicant", "/api/cases/" + id).getBody());
        assertThat(passed.values()).allSatisfy(c -> assertThat(c).containsEntry("mark", "MET"));
        assertThat(passed.get("INDUSTRY_ACADEMIA_RESEARCH_USER")).containsEntry("markedBy", "officer")
                .containsEntry("officerNote", "协议含高校与用户企业");
    }

    @Test
    void shouldAskForEveryAnswerWhenApplyingAndRefuseMalformedOnes() {
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), CHAIN);

        // a count that is not a whole number, an unknown condition, a document condition answered in words
        assertThat(apply(api, round, CHAIN, Map.of("CONSORTIUM_MEMBERS", "three")).getBody())
                .containsEntry("status", 400).containsEntry("field", "eligibility.CONSORTIUM_MEMBERS");
        assertThat(apply(api, round, CHAIN, Map.of("LOCAL_ENTERPRISE", true)).getBody())
                .containsEntry("field", "eligibility.LOCAL_ENTERPRISE");
        assertThat(apply(api, round, CHAIN, Map.of("INDUSTRY_ACADEMIA_RESEARCH_USER", true)).getBody())
                .containsEntry("field", "eligibility.INDUSTRY_ACADEMIA_RESEARCH_USER");

        // an application that leaves the declaration unanswered is kept as a draft and cannot be submitted
        String id = apply(api, round, CHAIN, Map.of("CONSORTIUM_MEMBERS", 5)).getBody().get("id").toString();
        ResponseEntity<Map<String, Object>> submitted = api.post("applicant", "/api/cases/" + id + "/submit", null);
        assertThat(submitted.getStatusCode().value()).isEqualTo(400);
        assertThat(submitted.getBody()).containsEntry("field", "eligibility.QUALIFYING_IMPLEMENTATION_PLAN");
        assertThat(api.get("applicant", "/api/cases/" + id).getBody()).containsEntry("status", "DRAFT");

        // until the applicant answers it on the draft
        org.springframework.http.HttpHeaders json = new org.springframework.http.HttpHeaders();
        json.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        assertThat(rest.withBasicAuth("applicant", "applicant").exchange("/api/cases/" + id + "/eligibility",
                org.springframework.http.HttpMethod.PUT, new org.springframework.http.HttpEntity<>(
                        Map.of("QUALIFYING_IMPLEMENTATION_PLAN", true), json), Map.class).getStatusCode().value())
                .isEqualTo(200);
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shouldNotLetAnOfficerMarkADocumentConditionMetWithoutTheDocument() {
        // given an application for 000（三） without its consortium agreement
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), EQUIPMENT);
        String id = apply(api, round, EQUIPMENT, Map.of()).getBody().get("id").toString();
        api.post("applicant", "/api/cases/" + id + "/submit", null);
        String task = api.task("officer", id, "UserTask_FormalCheck");

        // when the officer approves without marking it, then marks it met
        ResponseEntity<Map<String, Object>> unmarked = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE"));
        ResponseEntity<Map<String, Object>> met = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "APPROVE", "variables", Map.of("conditions",
                        Map.of("JOINT_CONSORTIUM", Map.of("met", true)))));

        // then both are refused, naming the condition
        assertThat(unmarked.getBody()).containsEntry("status", 400)
                .containsEntry("field", "variables.conditions.JOINT_CONSORTIUM");
        assertThat(unmarked.getBody().get("detail").toString()).contains("is not marked");
        assertThat(met.getBody()).containsEntry("status", 400)
                .containsEntry("field", "variables.conditions.JOINT_CONSORTIUM");
        assertThat(met.getBody().get("detail").toString()).contains("no document of its kind");

        // and an unmet mark needs its note
        ResponseEntity<Map<String, Object>> bare = api.post("officer", "/api/tasks/" + task + "/complete",
                Map.of("outcome", "REJECT", "comment", "缺少联合攻关协议", "variables", Map.of("conditions",
                        Map.of("JOINT_CONSORTIUM", Map.of("met", false)))));
        assertThat(bare.getBody()).containsEntry("field", "variables.conditions.JOINT_CONSORTIUM");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> conditions(Map<String, Object> view) {
        Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) view.get("conditions")).forEach(c -> byId.put(c.get("id").toString(), c));
        return byId;
    }
}
