package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.cases.TimelineEntry;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
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
 * A process owner moves running cases to a corrected version of the case review: a case waiting in the formal check
 * and one in the expert review. The dry run proposes the mapping for unchanged ids and shows the case whose step was
 * renamed as blocked until the owner maps it; the migration moves both, records it on their timelines, and both
 * finish on the new version. (Its own engine, shared with the process-owner variant test: it deploys renamed steps.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.test.context=process-owner-variant"})
class CaseMigrationIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    InboxTaskRepository tasks;

    @SuppressWarnings({"rawtypes", "unchecked"})
    long deploy(String xml) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(xml.getBytes(StandardCharsets.UTF_8)) {
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
        return ((Number) ((Map) deployed.getBody().get(0)).get("processDefinitionKey")).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldMoveCasesInFormalCheckAndExpertReviewToTheNewVersionWhereTheyFinish() throws Exception {
        // given the shipped case review (deployed again: the variant test may have left another version latest)
        String shipped = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn"));
        long source = deploy(shipped.replace("One application of a funding round", "One application of a round"));
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String checking = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        String reviewing = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "2000000.00")).get("id");
        api.post("applicant", "/api/cases/" + checking + "/submit", null);
        api.post("applicant", "/api/cases/" + reviewing + "/submit", null);
        api.task("officer", checking, "UserTask_FormalCheck");
        api.passFormalCheck(reviewing);
        ApiClient.await("three expert tasks", Duration.ofSeconds(30), () -> tasks.findByCaseIdAndStatus(
                java.util.UUID.fromString(reviewing), InboxTask.Status.OPEN).stream()
                .filter(t -> t.getElementId().equals("UserTask_ExpertScore")).count() == 3 ? true : null);
        assertThat(api.get("officer", "/api/cases/" + checking).getBody().get("processDefinitionKey"))
                .isEqualTo(source);

        // and a corrected version that renames the formal check
        long target = deploy(shipped.replace("UserTask_FormalCheck", "UserTask_CompletenessCheck"));
        Map<String, Object> request = Map.of("sourceKey", source, "targetKey", target);

        // when the process owner plans the migration (a dry run)
        ResponseEntity<Map<String, Object>> dry = api.post("owner", "/api/models/migrations/plan", request);

        // then unchanged ids are proposed, the renamed step is unmapped, and only the reviewing case can move
        assertThat(dry.getStatusCode().value()).as("%s", dry.getBody()).isEqualTo(200);
        List<Map<String, Object>> mapping = (List<Map<String, Object>>) dry.getBody().get("mapping");
        assertThat(mapping).filteredOn(m -> "UserTask_ExpertScore".equals(m.get("source"))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("target", "UserTask_ExpertScore")
                        .containsEntry("how", "same-id"));
        assertThat((List<String>) dry.getBody().get("unmapped")).containsExactly("UserTask_FormalCheck");
        Map<String, Map<String, Object>> cases = byCase(dry.getBody());
        assertThat(cases.get(checking)).containsEntry("canMove", false);
        assertThat(cases.get(checking).get("reason").toString()).contains("UserTask_FormalCheck");
        assertThat(cases.get(reviewing)).containsEntry("canMove", true);
        assertThat((List<String>) cases.get(reviewing).get("waitingAt"))
                .contains("UserTask_ExpertScore", "SubProcess_ExpertReview");
        assertThat(api.get("officer", "/api/cases/" + checking).getBody().get("processDefinitionKey"))
                .as("a dry run changes nothing").isEqualTo(source);

        // when the owner maps the renamed step and a bad mapping is refused, naming the field
        ResponseEntity<Map<String, Object>> wrongKind = api.post("owner", "/api/models/migrations/plan", Map.of(
                "sourceKey", source, "targetKey", target, "mapping",
                Map.of("UserTask_FormalCheck", "ServiceTask_CalculateSubsidy")));
        Map<String, Object> mapped = Map.of("sourceKey", source, "targetKey", target, "mapping",
                Map.of("UserTask_FormalCheck", "UserTask_CompletenessCheck"));
        ResponseEntity<Map<String, Object>> planned = api.post("owner", "/api/models/migrations/plan", mapped);
        ResponseEntity<Map<String, Object>> migrated = api.post("owner", "/api/models/migrations", mapped);

        // then both move, each recorded on its timeline
        assertThat(wrongKind.getBody()).containsEntry("status", 400)
                .containsEntry("field", "mapping.UserTask_FormalCheck");
        assertThat(planned.getBody()).containsEntry("movable", 2);
        assertThat(migrated.getStatusCode().value()).as("%s", migrated.getBody()).isEqualTo(200);
        assertThat(migrated.getBody()).as("%s", migrated.getBody()).containsEntry("migrated", 2)
                .containsEntry("failed", 0);
        for (String id : List.of(checking, reviewing)) {
            Map<String, Object> view = api.get("officer", "/api/cases/" + id).getBody();
            assertThat(view.get("processDefinitionKey")).isEqualTo(target);
            assertThat((List<Map<String, Object>>) view.get("timeline")).filteredOn(e -> "MIGRATED".equals(e.get("event")))
                    .singleElement().satisfies(e -> assertThat(e.get("detail").toString()).contains("owner",
                            "UserTask_FormalCheck → UserTask_CompletenessCheck"));
        }

        // and both finish their review on the new version
        api.complete("officer", api.task("officer", checking, "UserTask_CompletenessCheck"),
                api.formalCheckApproval(checking));
        api.expertsScore(checking, 80, 3);
        api.expertsScore(reviewing, 80, 3);
        for (String id : List.of(checking, reviewing)) {
            api.awaitStage("officer", id, "AWAITING_BATCH");
            assertThat(timeline.findByCaseIdOrderByIdAsc(java.util.UUID.fromString(id))).filteredOn(
                    e -> e.getEvent() == TimelineEntry.Event.ENTERED && "AWAITING_BATCH".equals(e.getStage()))
                    .singleElement().satisfies(e -> assertThat(e.getProcessDefinitionKey()).isEqualTo(target));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byCase(Map<String, Object> plan) {
        Map<String, Map<String, Object>> byCase = new java.util.HashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) plan.get("cases")) {
            byCase.put(c.get("caseId").toString(), c);
        }
        return byCase;
    }
}
