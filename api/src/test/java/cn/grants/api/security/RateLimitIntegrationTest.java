package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Floods of the public endpoints are refused with 429 and Retry-After: objections per client address and per case,
 * quotes per client address, form sign-in attempts per client address. The application runs as behind a proxy
 * ({@code server.forward-headers-strategy=native}), so each test is a client of its own X-Forwarded-For address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "server.forward-headers-strategy=native",
    "grants.security.rate-limit.objections-per-address.capacity=3",
    "grants.security.rate-limit.objections-per-case.capacity=4",
    "grants.security.rate-limit.quotes-per-address.capacity=5",
    "grants.security.rate-limit.sign-ins-per-address.capacity=3"})
class RateLimitIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestRestTemplate rest;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        rest = jdkClient(port);
    }

    /**
     * A client on the JDK's HTTP client: Apache HttpClient 5 (TestRestTemplate's default here) waits out a 429's
     * Retry-After and tries again, which would hide the answer under test.
     */
    static TestRestTemplate jdkClient(int port) {
        return new TestRestTemplate(new org.springframework.boot.web.client.RestTemplateBuilder()
                .rootUri("http://localhost:" + port)
                .requestFactory(() -> new org.springframework.http.client.JdkClientHttpRequestFactory()));
    }

    private ResponseEntity<Map> object(String address, UUID caseId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("X-Forwarded-For", address);
        return rest.exchange("/api/publicity/" + caseId + "/objections", HttpMethod.POST, new HttpEntity<>(Map.of(
                "type", "COMPLAINT", "name", "张三", "contact", "13900000000", "content", "flood"), headers), Map.class);
    }

    private ResponseEntity<Map> quote(String address) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("X-Forwarded-For", address);
        return rest.exchange("/api/measures/" + MEASURE + "/quote", HttpMethod.POST,
                new HttpEntity<>(Map.of("inputs", Map.of("INVESTMENT", "1000000.00")), headers), Map.class);
    }

    private static void assertTooManyRequests(ResponseEntity<?> response) {
        assertThat(response.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    @Test
    void shouldLimitPublicObjectionsPerClientAddress() {
        // given a client that has used up its objections (each to a case of its own)
        String flooder = "203.0.113.10";
        List<Integer> allowed = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> object(flooder, UUID.randomUUID()).getStatusCode().value()).toList();

        // when it files one more, and another client files one
        ResponseEntity<Map> refused = object(flooder, UUID.randomUUID());
        ResponseEntity<Map> other = object("203.0.113.11", UUID.randomUUID());

        // then the flood is refused with Retry-After, the other client is not, and nothing refused reached the audit log
        assertThat(allowed).containsOnly(404);
        assertTooManyRequests(refused);
        assertThat(refused.getBody()).containsEntry("status", 429);
        assertThat(other.getStatusCode().value()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action like 'POST /api/publicity/%' "
                + "and status = 429", Integer.class)).isZero();
    }

    @Test
    void shouldLimitPublicObjectionsPerCase() {
        // given one case that four clients (one objection each) have objected to
        UUID caseId = UUID.randomUUID();
        List<Integer> allowed = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> object("198.51.100." + (20 + i), caseId).getStatusCode().value()).toList();

        // when a fifth client objects to the same case, and to another case
        ResponseEntity<Map> refused = object("198.51.100.30", caseId);
        ResponseEntity<Map> otherCase = object("198.51.100.30", UUID.randomUUID());

        // then
        assertThat(allowed).containsOnly(404);
        assertTooManyRequests(refused);
        assertThat((String) refused.getBody().get("detail")).contains("this case");
        assertThat(otherCase.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void shouldLimitQuotesPerClientAddress() {
        // given a client that asked for five quotes
        String flooder = "203.0.113.40";
        List<Integer> allowed = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> quote(flooder).getStatusCode().value()).toList();

        // when it asks once more, and another client asks
        ResponseEntity<Map> refused = quote(flooder);
        ResponseEntity<Map> other = quote("203.0.113.41");

        // then
        assertThat(allowed).containsOnly(200);
        assertTooManyRequests(refused);
        assertThat(other.getStatusCode().value()).isEqualTo(200);
        assertThat(other.getBody()).containsKey("amount");
    }

    @Test
    void shouldLimitSignInAttemptsPerClientAddress() {
        // given a client that posted the sign-in form three times
        String flooder = "203.0.113.50";
        List<Integer> allowed = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> signIn(flooder, "applicant" + i).getStatusCode().value()).toList();

        // when it posts once more
        ResponseEntity<String> refused = signIn(flooder, "applicant");

        // then (the first ones lacked the CSRF token: refused, but counted)
        assertThat(allowed).doesNotContain(429);
        assertTooManyRequests(refused);
        assertThat(signIn("203.0.113.51", "applicant").getStatusCode().value()).isNotEqualTo(429);
    }

    @Test
    void shouldNotLimitSignedInApiUse() {
        // when a signed-in API client reads many times
        List<Integer> statuses = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> rest.withBasicAuth("officer", "officer").getForEntity("/api/measures", List.class)
                        .getStatusCode().value()).toList();

        // then
        assertThat(statuses).containsOnly(200);
    }

    private ResponseEntity<String> signIn(String address, String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-Forwarded-For", address);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", "wrong");
        return rest.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
    }
}
