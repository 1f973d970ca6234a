package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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

/** A process owner deploys a new model version: new cases take it, a running case keeps its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class ModelDeploymentIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private ResponseEntity<List> deploy(String user, String name, byte[] xml) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(xml) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, user).exchange("/api/models", HttpMethod.POST, new HttpEntity<>(body, headers),
                List.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldStartNewCasesOnTheNewVersionWhileRunningCasesKeepTheirs() throws Exception {
        // given a running case on the shipped version
        String round = api.openRound(java.time.Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String running = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        api.post("applicant", "/api/cases/" + running + "/submit", null);
        String runningTask = api.task("officer", running, "UserTask_FormalCheck");
        Number oldKey = (Number) api.get("officer", "/api/cases/" + running).getBody().get("processDefinitionKey");

        // when the process owner deploys an edited model (the formal check renamed)
        String xml = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn"))
                .replace("name=\"形式审查&#10;Formal check\"", "name=\"形式审查（新版）&#10;Formal check (v2)\"");
        ResponseEntity<List> deployed = deploy("owner", "grant-lifecycle.bpmn", xml.getBytes(StandardCharsets.UTF_8));
        String newCase = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "2000000.00")).get("id");
        api.post("applicant", "/api/cases/" + newCase + "/submit", null);
        String newTask = api.task("officer", newCase, "UserTask_FormalCheck");

        // then
        assertThat(deployed.getStatusCode().value()).isEqualTo(201);
        Map<String, Object> version2 = (Map<String, Object>) deployed.getBody().get(0);
        assertThat(version2.get("version")).isEqualTo(2);
        assertThat(api.get("officer", "/api/cases/" + newCase).getBody().get("processDefinitionKey"))
                .isEqualTo(version2.get("processDefinitionKey"));
        assertThat(api.get("officer", "/api/cases/" + running).getBody().get("processDefinitionKey")).isEqualTo(oldKey);
        assertThat(api.get("officer", "/api/tasks/" + newTask).getBody().get("name")).isEqualTo("形式审查（新版） Formal check (v2)");
        assertThat(api.get("officer", "/api/tasks/" + runningTask).getBody().get("name")).isEqualTo("形式审查 Formal check");
        // the running case still completes on its own version
        api.complete("officer", runningTask, Map.of("outcome", "REJECT", "comment", "演示"));
        assertThat(api.awaitCase("applicant", running, "REJECTED").get("processDefinitionKey")).isEqualTo(oldKey);
        assertThat(api.list("owner", "/api/models")).extracting(m -> m.get("version")).contains(1, 2);
    }

    @Test
    void shouldLetOnlyProcessOwnersDeployValidModels() {
        // when
        ResponseEntity<Map> byOfficer = rest.withBasicAuth("officer", "officer").exchange("/api/models", HttpMethod.POST,
                multipart("x.bpmn", "<x/>".getBytes()), Map.class);
        ResponseEntity<Map> notAModel = rest.withBasicAuth("owner", "owner").exchange("/api/models", HttpMethod.POST,
                multipart("notes.txt", "hello".getBytes()), Map.class);
        ResponseEntity<Map> broken = rest.withBasicAuth("owner", "owner").exchange("/api/models", HttpMethod.POST,
                multipart("broken.bpmn", "<definitions/>".getBytes()), Map.class);

        // then
        assertThat(byOfficer.getStatusCode().value()).isEqualTo(403);
        assertThat(notAModel.getBody()).containsEntry("field", "file");
        assertThat(broken.getStatusCode().value()).isEqualTo(400);
        assertThat(broken.getBody()).containsEntry("field", "file");
    }

    private static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(String name, byte[] content) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(body, headers);
    }
}
