package cn.grants.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.api.ApiClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * Sign-in, sessions and CSRF for the pages; pages refused to other roles by the server; the audit log that records
 * each action and that no one can edit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT1S",
    "grants.lifecycle.review-poll=PT1S"})
class WebSecurityIntegrationTest {

    @Autowired
    TestRestTemplate followingRest;
    @Autowired
    JdbcTemplate jdbc;
    TestRestTemplate rest;

    @org.junit.jupiter.api.BeforeEach
    void noRedirects() {
        // see the redirects themselves (to the sign-in page, after sign-in) instead of following them
        rest = followingRest.withRedirects(
                org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    }

    /** Signs in through the form like a browser: gets the CSRF cookie, posts the form, keeps the session cookie. */
    private String[] signIn(String user) {
        cn.grants.api.FormSignIn.Browser browser = cn.grants.api.FormSignIn.signIn(rest.getRestTemplate(), user);
        return new String[] {browser.session(), browser.xsrf()};
    }

    private ResponseEntity<Map> call(HttpMethod method, String path, String[] session, boolean withToken, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + session[0] + "; XSRF-TOKEN=" + session[1]);
        headers.add("X-Requested-With", "XMLHttpRequest");
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (withToken) {
            headers.add("X-XSRF-TOKEN", session[1]);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    @Test
    void shouldSignInWithTheFormAndRequireTheCsrfTokenOnChangesInTheSession() {
        // given
        String[] officer = signIn("officer");
        Map<String, Object> round = Map.of("name", "CSRF round", "measures", List.of("sz-equip-03-major-equipment-rd"),
                "windowCloses", java.time.OffsetDateTime.now().plusHours(1).toString(),
                "year", 2099, "unlimited", List.of("sz-equip-03-major-equipment-rd"), "unlimitedReason", "CSRF test");

        // when
        ResponseEntity<Map> me = call(HttpMethod.GET, "/api/me", officer, false, null);
        ResponseEntity<Map> forged = call(HttpMethod.POST, "/api/rounds", officer, false, round);
        ResponseEntity<Map> genuine = call(HttpMethod.POST, "/api/rounds", officer, true, round);

        // then
        assertThat(me.getBody()).containsEntry("user", "officer");
        assertThat(new ApiClient(followingRest).list("owner", "/api/audit"))
                .anySatisfy(e -> assertThat(e).containsEntry("actor", "officer").containsEntry("action", "SIGN-IN"));
        assertThat(forged.getStatusCode().value()).isEqualTo(403);
        assertThat(genuine.getStatusCode().value()).isEqualTo(201);
        assertThat(rest.postForEntity("/login", new HttpEntity<>(new LinkedMultiValueMap<>(Map.of("username",
                List.of("officer"), "password", List.of("wrong")))), String.class).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void shouldServePagesOnlyToTheirRoles() {
        // when
        ResponseEntity<String> anonymous = rest.getForEntity("/tasks.html", String.class);
        ResponseEntity<String> applicantOnFinance = rest.withBasicAuth("applicant", "applicant")
                .getForEntity("/finance.html", String.class);
        ResponseEntity<String> financeOnFinance = rest.withBasicAuth("finance", "finance").getForEntity("/finance.html", String.class);
        ResponseEntity<String> publicList = rest.getForEntity("/publicity.html", String.class);
        ResponseEntity<String> vendor = rest.getForEntity(
                "/vendor/bpmn-js/package/dist/bpmn-navigated-viewer.production.min.js", String.class);

        // then
        assertThat(anonymous.getStatusCode().value()).isEqualTo(302);
        assertThat(anonymous.getHeaders().getLocation().getPath()).isEqualTo("/login.html");
        assertThat(applicantOnFinance.getStatusCode().value()).isEqualTo(403);
        assertThat(financeOnFinance.getStatusCode().value()).isEqualTo(200);
        assertThat(publicList.getBody()).contains("/assets/pages/publicity.js").doesNotContain("https://");
        assertThat(vendor.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shouldRecordEachActionInAnAuditLogNoOneCanEdit() {
        // given
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String caseId = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");

        // when
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        List<Map<String, Object>> log = api.list("officer", "/api/audit");

        // then
        assertThat(log).anySatisfy(e -> assertThat(e).containsEntry("actor", "officer").containsEntry("action", "POST /api/rounds")
                .containsEntry("status", 201));
        assertThat(log).anySatisfy(e -> assertThat(e).containsEntry("actor", "applicant")
                .containsEntry("action", "POST /api/cases/" + caseId + "/submit").containsEntry("caseId", caseId));
        assertThat(rest.withBasicAuth("applicant", "applicant").getForEntity("/api/audit", Map.class).getStatusCode().value())
                .isEqualTo(403);
        assertThatThrownBy(() -> jdbc.update("update audit_log set actor = 'someone else'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log")).hasMessageContaining("append-only");
        // and a second applicant sees none of the first one's case, documents or notifications
        assertThat(api.get("applicant2", "/api/cases/" + caseId).getStatusCode().value()).isEqualTo(404);
        assertThat(api.list("applicant2", "/api/notifications")).noneMatch(n -> caseId.equals(n.get("caseId")));
        assertThat(api.get("applicant2", "/api/cases/" + caseId + "/diagram").getStatusCode().value()).isEqualTo(404);
        assertThat(URI.create("/api/cases/" + caseId).getPath()).endsWith(caseId);
    }
}
