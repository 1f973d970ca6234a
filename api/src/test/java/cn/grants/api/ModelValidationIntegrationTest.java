package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A model is checked against the system's contract before it is deployed ({@code POST /api/models/validate}, and
 * every deploy): each problem names the element and the rule; the report compares it with the deployed version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class ModelValidationIntegrationTest {

    @Autowired
    TestRestTemplate rest;

    static String shipped() throws Exception {
        return Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn"));
    }

    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> post(String path, String xml) {
        return post(path, xml, "grant-lifecycle.bpmn");
    }

    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> post(String path, String xml, String fileName) {
        return rest.withBasicAuth("owner", "owner").exchange(path, HttpMethod.POST, upload(xml, fileName), Map.class);
    }

    static HttpEntity<LinkedMultiValueMap<String, Object>> upload(String xml, String fileName) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRefuseABrokenModelNamingEachElementAndRuleAndDeployNothing() throws Exception {
        // given the shipped model with an unknown job type, an unknown form, an undrawn event and a Camunda 7 attribute
        String broken = shipped()
                .replace("type=\"calculate-subsidy\"", "type=\"calculate-grant\"")
                .replace("<zeebe:header key=\"form\" value=\"formal-check\" />",
                        "<zeebe:header key=\"form\" value=\"formal-checks\" />")
                .replaceAll("(?s)<bpmndi:BPMNShape id=\"Event_NotifyExpertReview_di\".*?</bpmndi:BPMNShape>", "")
                .replace("xmlns:zeebe=", "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:zeebe=")
                .replace("<bpmn:userTask id=\"UserTask_Correction\"",
                        "<bpmn:userTask camunda:asyncBefore=\"true\" id=\"UserTask_Correction\"");
        int versions = new ApiClient(rest).list("owner", "/api/models").size();

        // when it is validated, and deployed
        ResponseEntity<Map> validated = post("/api/models/validate", broken);
        ResponseEntity<Map> deployed = post("/api/models", broken);

        // then both answer 400 naming each element with its rule, and no version was deployed
        assertThat(validated.getStatusCode().value()).isEqualTo(400);
        assertThat(validated.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat((List<Map<String, Object>>) validated.getBody().get("problems"))
                .extracting(p -> p.get("element") + " " + p.get("rule")).contains(
                        "ServiceTask_CalculateSubsidy unknown-job-type", "UserTask_FormalCheck unknown-form",
                        "Event_NotifyExpertReview not-drawn", "UserTask_Correction camunda-7");
        assertThat((List<Map<String, Object>>) validated.getBody().get("errors"))
                .anySatisfy(e -> assertThat(e).containsEntry("field", "ServiceTask_CalculateSubsidy")
                        .containsEntry("rule", "unknown-job-type"));
        assertThat(deployed.getStatusCode().value()).isEqualTo(400);
        assertThat(new ApiClient(rest).list("owner", "/api/models")).hasSize(versions);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldReportWhatAValidChangeAddsAndChangesAgainstTheDeployedVersion() throws Exception {
        // given the shipped model with the formal check renamed and a second review reusing the formal-check form
        String changed = ProcessOwnerVariantIntegrationTest.variant();

        // when it is validated
        ResponseEntity<Map> validated = post("/api/models/validate", changed);

        // then it is valid, and the diff names the renamed and added elements
        assertThat(validated.getStatusCode().value()).as("%s", validated.getBody()).isEqualTo(200);
        Map<String, Object> report = validated.getBody();
        assertThat(report).containsEntry("valid", true).containsEntry("processes", List.of("grant-lifecycle"));
        assertThat((Map<String, Object>) report.get("comparedWith")).containsKey("grant-lifecycle");
        assertThat((List<Map<String, Object>>) report.get("diff")).extracting(d -> d.get("element") + " " + d.get("change"))
                .contains("UserTask_SecondReview ADDED", "UserTask_CompletenessCheck ADDED", "UserTask_FormalCheck REMOVED",
                        "Flow_FormalCheckApproved CHANGED");
        assertThat((Map<String, List<String>>) report.get("formsRemoved")).containsEntry("grant-lifecycle", List.of());

        // and the shipped models themselves are valid, with nothing changed
        for (String model : List.of("grant-round", "grant-lifecycle", "grant-disbursement")) {
            ResponseEntity<Map> same = post("/api/models/validate",
                    Files.readString(Path.of("../bpmn/src/main/resources/bpmn/" + model + ".bpmn")));
            assertThat(same.getStatusCode().value()).as("%s: %s", model, same.getBody()).isEqualTo(200);
            // (another test of this context may have deployed a version with a renamed step: names may differ)
            assertThat((List<Map<String, Object>>) same.getBody().get("diff")).as(model)
                    .noneMatch(d -> !"CHANGED".equals(d.get("change")));
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldValidateDecisionTablesAndDiffThemRowByRow() throws Exception {
        // given the shipped review route, one without its pass score and its catch-all row, one with a changed row
        String shipped = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/review-route.dmn"));
        String broken = shipped.replace("name=\"passScore\"", "name=\"threshold\"")
                .replaceAll("(?s)<rule id=\"Rule_Default\">.*?</rule>", "");
        String changed = shipped.replace("&gt; 50000000", "&gt; 40000000");
        String brokenProcess = shipped().replace("value=\"review-route\"", "value=\"review-path\"");

        // when they are validated, the broken one deployed, and a process naming an unknown decision validated
        ResponseEntity<Map> refused = post("/api/models/validate", broken, "review-route.dmn");
        ResponseEntity<Map> deployed = post("/api/models", broken, "review-route.dmn");
        ResponseEntity<Map> valid = post("/api/models/validate", changed, "review-route.dmn");
        ResponseEntity<Map> unknownDecision = post("/api/models/validate", brokenProcess);
        ResponseEntity<java.util.List> same = rest.withBasicAuth("owner", "owner").exchange("/api/models",
                HttpMethod.POST, upload(shipped, "review-route.dmn"), java.util.List.class);

        // then the broken table is refused naming the rule, nothing deployed; the change is a CHANGED row
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat((List<Map<String, Object>>) refused.getBody().get("problems"))
                .extracting(p -> p.get("element") + " " + p.get("rule"))
                .contains("DecisionTable_ReviewRoute missing-output", "Rule_LargePreFunding no-catch-all-row");
        assertThat(deployed.getStatusCode().value()).isEqualTo(400);
        assertThat(valid.getStatusCode().value()).as("%s", valid.getBody()).isEqualTo(200);
        assertThat((List<Map<String, Object>>) valid.getBody().get("diff")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("element", "Rule_LargePreFunding")
                        .containsEntry("change", "CHANGED"));
        String round = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-round.bpmn")).replace(
                "<zeebe:calledElement processId=\"grant-lifecycle\" propagateAllChildVariables=\"false\" />",
                "<zeebe:calledElement processId=\"grant-lifecycle\" propagateAllChildVariables=\"false\" "
                        + "propagateAllParentVariables=\"false\" /><zeebe:ioMapping><zeebe:input source=\"=caseId\" "
                        + "target=\"caseId\" /></zeebe:ioMapping>");
        ResponseEntity<Map> unmappedCall = post("/api/models/validate", round, "grant-round.bpmn");
        assertThat((List<Map<String, Object>>) unmappedCall.getBody().get("problems")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("element", "CallActivity_CaseReview")
                        .containsEntry("rule", "missing-call-variable"))
                .satisfies(p -> assertThat(p.get("message").toString()).contains("expertsPerCase", "passScore")
                        .contains("maps no [applicantUser"));
        assertThat((List<Map<String, Object>>) unknownDecision.getBody().get("problems"))
                .extracting(p -> p.get("element") + " " + p.get("rule"))
                .contains("BusinessRule_ReviewRoute unknown-decision");
        // the shipped table deployed again: the engine keeps its version, and the decisions list it
        assertThat(same.getStatusCode().value()).as("%s", same.getBody()).isEqualTo(201);
        List<Map<String, Object>> decisions = new ApiClient(rest).list("owner", "/api/models/decisions");
        assertThat(decisions).filteredOn(d -> "review-route".equals(d.get("decisionId"))).hasSize(1);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldOfferTheElementTemplatesAsOneFileForCamundaModeler() {
        // when a process owner downloads the element templates
        ResponseEntity<List> templates = rest.withBasicAuth("owner", "owner").getForEntity("/api/models/element-templates",
                List.class);

        // then there is one per job type and per form, as one file Modeler reads
        assertThat(templates.getStatusCode().value()).isEqualTo(200);
        assertThat(templates.getHeaders().getFirst("Content-Disposition")).contains("grants-element-templates.json");
        assertThat((List<Map<String, Object>>) templates.getBody()).extracting(t -> t.get("id"))
                .contains("cn.grants.form.formal-check", "cn.grants.form.stage-review", "cn.grants.job.notify-applicant",
                        "cn.grants.job.execute-payout");
        assertThat(rest.withBasicAuth("applicant", "applicant").getForEntity("/api/models/element-templates",
                Map.class).getStatusCode().value()).isEqualTo(403);
    }
}
