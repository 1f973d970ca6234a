package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Forms and job types are the contract, not element ids: a process owner renames the formal check and the expert
 * scoring in Camunda Modeler and adds a second officer review that reuses the formal-check form; a case runs through
 * the variant and its checklist, review and scores are recorded as before. (Its own context: the variant becomes the
 * latest grant-lifecycle of its engine.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.test.context=process-owner-variant"})
public class ProcessOwnerVariantIntegrationTest {

    @Autowired
    TestRestTemplate rest;

    /** The shipped model with two steps renamed (ids and all) and a second review after the formal check. */
    public static String variant() throws Exception {
        String xml = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn"))
                .replace("UserTask_FormalCheck", "UserTask_CompletenessCheck")
                .replace("UserTask_ExpertScore", "UserTask_PanelScore")
                .replace("UserTask_SpecialAudit", "UserTask_AuditorCheck");
        String approved = "sourceRef=\"Gateway_FormalCheckOutcome\" targetRef=\"Event_NotifyExpertReview\"";
        assertThat(xml).contains(approved);
        xml = xml.replace(approved, "sourceRef=\"Gateway_FormalCheckOutcome\" targetRef=\"UserTask_SecondReview\"");
        String review = """
                    <bpmn:userTask id="UserTask_SecondReview" name="复核&#10;Second review">
                      <bpmn:extensionElements>
                        <zeebe:assignmentDefinition candidateGroups="officer" />
                        <zeebe:taskHeaders><zeebe:header key="outcomes" value="APPROVE" /><zeebe:header key="form" value="formal-check" /></zeebe:taskHeaders>
                      </bpmn:extensionElements>
                      <bpmn:incoming>Flow_FormalCheckApproved</bpmn:incoming>
                      <bpmn:outgoing>Flow_SecondReviewed</bpmn:outgoing>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_SecondReviewed" sourceRef="UserTask_SecondReview" targetRef="Event_NotifyExpertReview" />
                  </bpmn:process>""";
        xml = xml.replace("  </bpmn:process>", review);
        String notify = "<bpmn:incoming>Flow_FormalCheckApproved</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToReviewRoute";
        assertThat(xml).contains(notify);
        xml = xml.replace(notify, "<bpmn:incoming>Flow_SecondReviewed</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToReviewRoute");
        String shapes = """
                      <bpmndi:BPMNShape id="UserTask_SecondReview_di" bpmnElement="UserTask_SecondReview">
                        <dc:Bounds x="560" y="380" width="100" height="80" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_SecondReviewed_di" bpmnElement="Flow_SecondReviewed">
                        <di:waypoint x="660" y="420" />
                        <di:waypoint x="670" y="348" />
                      </bpmndi:BPMNEdge>
                    </bpmndi:BPMNPlane>""";
        return xml.replace("    </bpmndi:BPMNPlane>", shapes);
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void shouldRecordChecklistReviewAndScoresThroughAVariantThatRenamesStepsAndAddsAReview() throws Exception {
        // given the process owner deploys the variant
        ApiClient api = new ApiClient(rest);
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        byte[] xml = variant().getBytes(StandardCharsets.UTF_8);
        body.add("file", new ByteArrayResource(xml) {
            @Override
            public String getFilename() {
                return "grant-lifecycle.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<List> deployed = rest.withBasicAuth("owner", "owner").exchange("/api/models", HttpMethod.POST,
                new HttpEntity<>(body, headers), List.class);
        assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(201);

        // when a case runs through it: the renamed formal check, the added review, the renamed scoring
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String id = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        api.post("applicant", "/api/cases/" + id + "/submit", null);
        ResponseEntity<Map<String, Object>> unmarked = api.post("officer", "/api/tasks/"
                + api.task("officer", id, "UserTask_CompletenessCheck") + "/complete", Map.of("outcome", "APPROVE"));
        api.complete("officer", api.task("officer", id, "UserTask_CompletenessCheck"), api.formalCheckApproval(id));
        api.complete("officer2", api.task("officer2", id, "UserTask_SecondReview"), Map.of("outcome", "APPROVE"));
        int scored = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (scored < 3 && System.nanoTime() < deadline) {
            for (int i = 1; i <= 8; i++) {
                for (Map<String, Object> t : api.list("expert" + i, "/api/tasks")) {
                    if (id.equals(t.get("caseId")) && "UserTask_PanelScore".equals(t.get("taskType"))) {
                        api.complete("expert" + i, (String) t.get("id"), Map.of("outcome", "SCORE",
                                "variables", Map.of("scores", ApiClient.scores(80))));
                        scored++;
                    }
                }
            }
            ApiClient.sleep(300);
        }

        // then the checklist was enforced and recorded, and the scores recorded and aggregated as before
        assertThat(unmarked.getBody()).containsEntry("status", 400)
                .containsEntry("field", "variables.conditions.JOINT_CONSORTIUM");
        assertThat(scored).isEqualTo(3);
        Map<String, Object> awaiting = api.awaitStage("officer", id, "AWAITING_BATCH");
        assertThat(awaiting.get("reviewScore")).isEqualTo("80.00");
        assertThat(api.list("officer", "/api/cases/" + id + "/experts")).filteredOn(d -> d.get("score") != null)
                .hasSize(3);
        assertThat((List<Map<String, Object>>) awaiting.get("conditions")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("mark", "MET").containsEntry("markedBy", "officer"));
        assertThat(awaiting.get("processDefinitionKey")).isEqualTo(((Map) deployed.getBody().get(0))
                .get("processDefinitionKey"));
    }
}
