package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The public endpoints say no more than they must: anonymous health is the status alone (staff see the components
 * and details); the OpenAPI document, public as the API's contract, lists the API and nothing internal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0"})
class PublicEndpointsIntegrationTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void shouldShowAnonymousCallersTheHealthStatusOnly() {
        // when
        ResponseEntity<Map> anonymous = rest.getForEntity("/actuator/health", Map.class);
        ResponseEntity<Map> officer = rest.withBasicAuth("officer", "officer").getForEntity("/actuator/health", Map.class);
        ResponseEntity<Map> applicant = rest.withBasicAuth("applicant", "applicant").getForEntity("/actuator/health", Map.class);

        // then
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getBody().keySet()).containsExactly("status");
        assertThat(applicant.getBody().keySet()).containsExactly("status");
        assertThat((Map<String, Object>) officer.getBody().get("components")).containsKeys("db", "engine", "storage");
        assertThat((Map<String, Object>) ((Map<String, Object>) officer.getBody().get("components")).get("db"))
                .containsKey("details");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPublishTheApiContractWithoutInternalEndpoints() {
        // when
        ResponseEntity<Map> docs = rest.getForEntity("/v3/api-docs", Map.class);

        // then it is public and lists the API
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        Set<String> paths = ((Map<String, Object>) docs.getBody().get("paths")).keySet();
        assertThat(paths).contains("/api/publicity", "/api/publicity/{caseId}/objections", "/api/measures/{id}/quote",
                "/api/cases");
        // and nothing outside it: no actuator, error, sign-in or internal endpoints
        assertThat(paths).allSatisfy(path -> assertThat(path).startsWith("/api/").doesNotContain("/internal"));
        assertThat(docs.getBody().toString()).doesNotContain("/actuator", "/error", "/login");
    }
}
