package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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
 * Failed sign-ins lock the user name, and the client address, out for a while: even the right password is refused
 * then (Basic: 429 with Retry-After; the form: back to the sign-in page with Retry-After). The audit log records the
 * lock-out once and a bounded number of failures, however long the flood. Each test is a client of its own
 * X-Forwarded-For address (the application runs as behind a proxy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "server.forward-headers-strategy=native",
    "grants.security.lockout.max-failures=3",
    "grants.security.lockout.address-max-failures=6",
    "grants.security.lockout.window=PT1M",
    "grants.security.lockout.duration=PT3S",
    "grants.security.rate-limit.sign-ins-per-address.capacity=1000"})
class SignInLockoutIntegrationTest {

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestRestTemplate rest;

    @BeforeEach
    void client() {
        // the JDK's HTTP client follows no redirect and, unlike Apache HttpClient 5, does not wait out a 429 to retry
        rest = RateLimitIntegrationTest.jdkClient(port);
    }

    private ResponseEntity<Map> basic(String address, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        headers.add("X-Forwarded-For", address);
        return rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(headers), Map.class);
    }

    private int auditRows(String action, String detailLike) {
        return jdbc.queryForObject("select count(*) from audit_log where action = ? and detail like ?", Integer.class,
                action, detailLike);
    }

    @Test
    void shouldLockAUserOutAfterRepeatedFailuresEvenForTheRightPassword() throws Exception {
        // given three failed sign-ins for one user
        String address = "203.0.113.60";
        List<Integer> failures = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> basic(address, "officer2", "wrong").getStatusCode().value()).toList();

        // when the right password follows at once, from this address and from another
        ResponseEntity<Map> locked = basic(address, "officer2", "officer2");
        ResponseEntity<Map> elsewhere = basic("203.0.113.61", "officer2", "officer2");

        // then both are refused with Retry-After until the lock-out is over; then the right password works again
        assertThat(failures).containsOnly(401);
        assertThat(locked.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3L);
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(429);
        assertThat(basic("203.0.113.62", "officer", "officer").getStatusCode().value()).isEqualTo(200);
        Thread.sleep(3_100);
        assertThat(basic(address, "officer2", "officer2").getStatusCode().value()).isEqualTo(200);
        assertThat(auditRows("SIGN-IN LOCKED", "user name \"officer2\" locked out%")).isEqualTo(1);
    }

    @Test
    void shouldRecordALockOutOnceAndBoundTheAuditRowsOfAFlood() {
        // when forty failed sign-ins in a row arrive for one user
        List<Integer> statuses = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> basic("203.0.113.70", "auditor", "guess" + i).getStatusCode().value()).toList();

        // then the first three are answered 401, the rest 429; the log holds three failures and one lock-out
        assertThat(statuses.subList(0, 3)).containsOnly(401);
        assertThat(statuses.subList(3, 40)).containsOnly(429);
        assertThat(auditRows("SIGN-IN FAILED", "as auditor from %")).isEqualTo(3);
        assertThat(auditRows("SIGN-IN LOCKED", "user name \"auditor\" locked out%")).isEqualTo(1);
    }

    @Test
    void shouldLockOutAnAddressThatTriesManyUserNames() {
        // given six failed sign-ins from one address, each for another user name
        String address = "203.0.113.80";
        java.util.stream.IntStream.range(0, 6).forEach(i -> basic(address, "nobody" + i, "wrong"));

        // when a real user signs in from that address, and from another one
        ResponseEntity<Map> fromFlooder = basic(address, "finance", "finance");
        ResponseEntity<Map> fromElsewhere = basic("203.0.113.81", "finance", "finance");

        // then
        assertThat(fromFlooder.getStatusCode().value()).isEqualTo(429);
        assertThat(fromFlooder.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(fromElsewhere.getStatusCode().value()).isEqualTo(200);
        assertThat(auditRows("SIGN-IN LOCKED", "address " + address + " locked out%")).isEqualTo(1);
    }

    @Test
    void shouldSendALockedOutFormSignInBackToTheSignInPage() {
        // given three failed form sign-ins for one user
        String address = "203.0.113.90";
        List<String> failures = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> formSignIn(address, "expert7", "wrong").getHeaders().getLocation().toString()).toList();

        // when the right password follows
        ResponseEntity<String> locked = formSignIn(address, "expert7", "expert7");

        // then it is sent back to the sign-in page, told how long to wait, and not signed in
        assertThat(failures).allSatisfy(location -> assertThat(location).endsWith("/login.html?error"));
        assertThat(locked.getStatusCode().value()).isEqualTo(302);
        assertThat(locked.getHeaders().getLocation().toString()).contains("/login.html?locked=");
        assertThat(locked.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(locked.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("JSESSIONID="));
    }

    private ResponseEntity<String> formSignIn(String address, String user, String password) {
        HttpHeaders page = new HttpHeaders();
        page.add("X-Forwarded-For", address);
        ResponseEntity<String> login = rest.exchange("/login.html", HttpMethod.GET, new HttpEntity<>(page), String.class);
        String xsrf = login.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length()).split(";")[0]).findFirst().orElseThrow();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-Forwarded-For", address);
        headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + xsrf);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", xsrf);
        return rest.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
    }
}
