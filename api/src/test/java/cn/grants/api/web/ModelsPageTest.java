package cn.grants.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.grants.api.ProcessOwnerVariantIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Chromium: the process owner validates a model on the models page, sees each problem with its element and rule,
 * or the diff against the deployed version, and deploys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class ModelsPageTest {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.test.web.client.TestRestTemplate rest;

    /** Deploys a model as the process owner; returns its process definition key. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    long deployThroughApi(String xml) {
        org.springframework.util.LinkedMultiValueMap<String, Object> body = new org.springframework.util.LinkedMultiValueMap<>();
        body.add("file", new org.springframework.core.io.ByteArrayResource(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "grant-lifecycle.bpmn";
            }
        });
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
        org.springframework.http.ResponseEntity<java.util.List> deployed = rest.withBasicAuth("owner", "owner").exchange(
                "/api/models", org.springframework.http.HttpMethod.POST, new org.springframework.http.HttpEntity<>(body, headers),
                java.util.List.class);
        assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(201);
        return ((Number) ((java.util.Map) deployed.getBody().get(0)).get("processDefinitionKey")).longValue();
    }

    @Test
    void shouldValidateShowTheDiffAndDeployOnTheModelsPage() throws Exception {
        assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
        // given a broken model (an unknown job type), a changed one, and the shipped one
        String shipped = Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn"));
        Path broken = Files.writeString(Files.createTempFile("broken", ".bpmn"),
                shipped.replace("type=\"calculate-subsidy\"", "type=\"calculate-grant\""));
        Path changed = Files.writeString(Files.createTempFile("changed", ".bpmn"),
                ProcessOwnerVariantIntegrationTest.variant());
        Path same = Files.writeString(Files.createTempDirectory("models").resolve("grant-lifecycle.bpmn"), shipped);

        try (Browser b = new Browser("http://localhost:" + port)) {
            b.signIn("owner");
            b.open("/models.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));

            // when the broken model is validated, then its problem names the element and the rule
            b.find("#model-file").sendKeys(broken.toAbsolutePath().toString());
            b.click("#validate-button");
            b.waitFor(d -> !d.findElements(By.cssSelector("#problems tr[data-rule='unknown-job-type']")).isEmpty());
            assertThat(b.text("#problems")).contains("ServiceTask_CalculateSubsidy", "calculate-grant");
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
                    "document.getElementById('deploy').scrollIntoView()");
            b.screenshot("models-validate-problems");

            // when the changed one is validated, then it is valid and the diff lists the added review
            b.find("#model-file").clear();
            b.find("#model-file").sendKeys(changed.toAbsolutePath().toString());
            b.click("#validate-button");
            b.waitFor(d -> !d.findElements(By.id("valid")).isEmpty());
            assertThat(b.text("#diff")).contains("UserTask_SecondReview", "ADDED");
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
                    "document.getElementById('deploy').scrollIntoView()");
            b.screenshot("models-validate-diff");

            // when a case waits at the formal check, then the version it runs on shows it there, linked
            cn.grants.api.ApiClient api = new cn.grants.api.ApiClient(rest);
            String round = api.openRound(java.time.Duration.ofHours(1), java.util.Map.of(),
                    "sz-equip-03-major-equipment-rd");
            String id = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                    java.util.Map.of("INVESTMENT", "1000000.00")).get("id");
            api.post("applicant", "/api/cases/" + id + "/submit", null);
            api.task("officer", id, "UserTask_FormalCheck");
            Object key = api.get("officer", "/api/cases/" + id).getBody().get("processDefinitionKey");
            java.util.List<java.util.Map<String, Object>> waiting = api.list("owner", "/api/models/" + key + "/waiting");
            assertThat(waiting).filteredOn(w -> "UserTask_FormalCheck".equals(w.get("elementId")))
                    .singleElement().satisfies(w -> assertThat(w.get("cases").toString()).contains(id));
            b.open("/models.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            b.click("tr[data-key='" + key + "'] button.show");
            b.waitFor(d -> !d.findElements(By.cssSelector(".heat-count[data-element='UserTask_FormalCheck']")).isEmpty());
            assertThat(b.driver.findElements(By.cssSelector("#waiting li[data-element='UserTask_FormalCheck'] a[href$='"
                    + id + "']"))).hasSize(1);
            b.screenshot("models-heat-map");
            b.find("#model-file").clear();

            // when the shipped model is deployed again, then the engine keeps its version
            b.find("#model-file").clear();
            b.find("#model-file").sendKeys(same.toAbsolutePath().toString());
            b.click("#deploy-button");
            b.waitFor(d -> d.findElement(By.cssSelector("#message .notice")).getText().contains("grant-lifecycle v"));
            assertThat(b.text("#message")).endsWith("✓");
            assertThat(b.find("#element-templates").getAttribute("href")).endsWith("/api/models/element-templates");

            // and the shipped decisions are listed, each version downloadable
            assertThat(b.driver.findElements(By.cssSelector("#decisions tr[data-decision='review-route'] a[href*='/xml']")))
                    .isNotEmpty();

            // when a corrected version is deployed (same element ids), the owner plans and runs the migration
            // of the case waiting at the formal check
            long target = deployThroughApi(shipped.replace("One application of a funding round",
                    "One application of a funding round (corrected)"));
            b.open("/models.html");
            b.waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
            new org.openqa.selenium.support.ui.Select(b.find("#migrate-source")).selectByValue(String.valueOf(key));
            new org.openqa.selenium.support.ui.Select(b.find("#migrate-target")).selectByValue(String.valueOf(target));
            b.click("#plan-button");
            b.waitFor(d -> !d.findElements(By.cssSelector("#migrate-cases tr[data-case='" + id + "'][data-can-move='true']")).isEmpty());
            assertThat(b.text("#mapping")).contains("UserTask_FormalCheck", "same-id");
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
                    "document.getElementById('migrate').scrollIntoView()");
            b.screenshot("models-migrate-plan");
            b.click("#migrate-button");
            b.waitFor(d -> !d.findElements(By.cssSelector("#migrated tr[data-case='" + id + "']")).isEmpty());
            assertThat(b.text("#migrated tr[data-case='" + id + "']")).contains("已迁移");

            // then the case runs on the corrected version, its timeline says so, and it goes on there
            java.util.Map<String, Object> moved = api.get("officer", "/api/cases/" + id).getBody();
            assertThat(((Number) moved.get("processDefinitionKey")).longValue()).isEqualTo(target);
            assertThat(moved.get("timeline").toString()).contains("MIGRATED", "v");
            api.passFormalCheck(id);
            api.awaitStage("officer", id, "EXPERT_REVIEW");
        } finally {
            deployThroughApi(Files.readString(Path.of("../bpmn/src/main/resources/bpmn/grant-lifecycle.bpmn")));
        }
    }
}
