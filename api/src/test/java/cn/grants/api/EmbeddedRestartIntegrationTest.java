package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The run command restarted on the same ./data: cases and documents survive in PostgreSQL and S3, a running case
 * whose in-memory process instance is gone is resumed where it was (its old task replaced by one new task), and new
 * cases run normally although the fresh engine numbers its keys from the start again. The resumption of every
 * stage of a round is {@link EngineRestartRecoveryIntegrationTest}.
 */
class EmbeddedRestartIntegrationTest {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(cn.grants.api.GrantsApplication.class).run(
                "--server.port=0", "--grants.data-dir=" + dataDir, "--grants.zeebe.embedded-port=0");
    }

    private static ApiClient client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return new ApiClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
    }

    @Test
    void shouldKeepDataAndRunNewCasesAfterARestart() {
        // given a case waiting at the formal check, with a document
        Path data = Path.of("target/restart-data", UUID.randomUUID().toString());
        String oldCase;
        String oldTask;
        String documentId;
        try (ConfigurableApplicationContext first = start(data)) {
            ApiClient api = client(first);
            String round = api.openRound(java.time.Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
            oldCase = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                    Map.of("INVESTMENT", "1000000.00")).get("id");
            documentId = (String) api.upload("applicant", oldCase, "STUDY", "a.pdf", "application/pdf",
                    "%PDF-restart".getBytes()).getBody().get("id");
            api.post("applicant", "/api/cases/" + oldCase + "/submit", null);
            oldTask = api.task("officer", oldCase, "UserTask_FormalCheck");
        }

        // when the system starts again on the same data
        try (ConfigurableApplicationContext second = start(data)) {
            ApiClient api = client(second);

            // then the old case and its document are there, the case resumed at its formal check with a new task
            Map<String, Object> old = api.get("applicant", "/api/cases/" + oldCase).getBody();
            assertThat(old.get("status")).isEqualTo("IN_PROGRESS");
            assertThat(old.get("currentStage")).isEqualTo("FORMAL_CHECK");
            assertThat(api.download("applicant", "/api/cases/" + oldCase + "/documents/" + documentId).getBody())
                    .isEqualTo("%PDF-restart".getBytes());
            assertThat(api.list("officer", "/api/tasks")).noneMatch(t -> oldTask.equals(t.get("id")));
            String resumedTask = api.task("officer", oldCase, "UserTask_FormalCheck");
            assertThat(resumedTask).isNotEqualTo(oldTask);
            assertThat(api.list("officer", "/api/tasks")).filteredOn(t -> oldCase.equals(t.get("caseId"))).hasSize(1);

            // and a new case of a new round reaches the officer's inbox
            String round = api.openRound(java.time.Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
            String newCase = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                    Map.of("INVESTMENT", "2000000.00")).get("id");
            assertThat(api.post("applicant", "/api/cases/" + newCase + "/submit", null).getStatusCode().value())
                    .isEqualTo(200);
            String newTask = api.task("officer", newCase, "UserTask_FormalCheck");
            assertThat(newTask).isNotEqualTo(oldTask);
            assertThat(api.list("officer", "/api/tasks")).filteredOn(t -> newTask.equals(t.get("id")))
                    .extracting(t -> t.get("name")).containsExactly("形式审查 Formal check");
        }
    }
}
