package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.grants.api.web.Browser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The browser side: a strict Content-Security-Policy and the other protective headers on every response, pages
 * without inline script or style, session and CSRF cookies SameSite=Lax, no Basic challenge a browser could answer
 * (API clients keep preemptive Basic, without a session), and sign-in that returns to this site only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0"})
class BrowserHardeningIntegrationTest {

    static final Path STATIC = Path.of("src/main/resources/static");
    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=\\s*[\"']", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate followingRest;
    TestRestTemplate rest;

    @BeforeEach
    void noRedirects() {
        rest = followingRest.withRedirects(
                org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects.DONT_FOLLOW);
    }

    @Test
    void shouldSendAStrictContentSecurityPolicyAndTheProtectiveHeaders() {
        // when
        for (String path : List.of("/login.html", "/measures.html", "/api/measures", "/assets/app.js")) {
            HttpHeaders headers = rest.getForEntity(path, String.class).getHeaders();

            // then
            String csp = headers.getFirst("Content-Security-Policy");
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(headers.getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(headers.getFirst("Referrer-Policy")).as(path).isEqualTo("strict-origin-when-cross-origin");
            assertThat(headers.getFirst("Permissions-Policy")).as(path).contains("camera=()", "geolocation=()");
        }
    }

    @Test
    void shouldServePagesWithoutInlineScriptsStylesOrHandlers() throws IOException {
        // given every page and every script of the pages
        List<Path> pages;
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(STATIC)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            pages = all.stream().filter(p -> p.toString().endsWith(".html")).toList();
            scripts = all.stream().filter(p -> p.toString().endsWith(".js")).toList();
        }

        // then no page has an inline script, style or event handler, and no script writes one as markup
        assertThat(pages).hasSizeGreaterThan(10);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(INLINE_SCRIPT.matcher(html).find()).as(page + ": inline <script>").isFalse();
            assertThat(INLINE_STYLE.matcher(html).find()).as(page + ": inline style").isFalse();
            assertThat(INLINE_HANDLER.matcher(html).find()).as(page + ": inline event handler").isFalse();
        }
        for (Path script : scripts) {
            String js = Files.readString(script);
            assertThat(js).as(script.toString()).doesNotContain("setAttribute('style'", "setAttribute(\"style\"");
            for (String line : js.lines().filter(l -> l.contains("innerHTML")).toList()) {
                assertThat(INLINE_STYLE.matcher(line).find() || INLINE_HANDLER.matcher(line).find())
                        .as(script + ": " + line).isFalse();
            }
        }
    }

    @Test
    void shouldNeverChallengeABrowserForBasicCredentials() {
        // when a browser (or anyone) reaches the API without credentials, or with wrong ones, and a page
        HttpHeaders browser = new HttpHeaders();
        browser.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> anonymous = rest.exchange("/api/cases", HttpMethod.GET, new HttpEntity<>(browser),
                String.class);
        ResponseEntity<String> wrong = rest.withBasicAuth("officer", "wrong").getForEntity("/api/cases", String.class);
        ResponseEntity<String> page = rest.getForEntity("/tasks.html", String.class);
        ResponseEntity<String> apiClient = rest.withBasicAuth("officer", "officer").getForEntity("/api/cases", String.class);

        // then 401 without a Basic challenge, the page sends to the sign-in page, and Basic sent unasked works
        // without a session
        for (ResponseEntity<String> refused : List.of(anonymous, wrong)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(401);
            assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                    .noneMatch(challenge -> challenge.trim().toLowerCase().startsWith("basic"));
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(page.getStatusCode().value()).isEqualTo(302);
        assertThat(page.getHeaders().getLocation().getPath()).isEqualTo("/login.html");
        assertThat(apiClient.getStatusCode().value()).isEqualTo(200);
        assertThat(apiClient.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).noneMatch(c -> c.startsWith("JSESSIONID="));
    }

    @Test
    void shouldSetTheSessionAndCsrfCookiesSameSiteLax() {
        // when a browser signs in with the form
        ResponseEntity<String> login = rest.getForEntity("/login.html", String.class);
        String xsrfCookie = login.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        ResponseEntity<String> signedIn = postForm("officer", xsrfCookie.substring(11).split(";")[0], null);

        // then
        assertThat(xsrfCookie).containsIgnoringCase("SameSite=Lax");
        String session = signedIn.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void shouldReturnAfterSignInOnlyToAPathOfThisSite() {
        // given a page that asked for sign-in
        HttpHeaders browser = new HttpHeaders();
        browser.setAccept(List.of(MediaType.TEXT_HTML));
        ResponseEntity<String> asked = rest.exchange("/finance.html?tab=files", HttpMethod.GET, new HttpEntity<>(browser),
                String.class);
        String session = asked.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";")[0]).findFirst().orElseThrow();
        ResponseEntity<String> login = rest.exchange("/login.html", HttpMethod.GET, new HttpEntity<>(cookies(session)),
                String.class);
        String xsrf = login.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(11).split(";")[0]).findFirst().orElseThrow();

        // when finance signs in
        ResponseEntity<String> signedIn = postForm("finance", xsrf, session);

        // then back to that page, as a path of this site
        assertThat(signedIn.getStatusCode().value()).isEqualTo(302);
        String location = signedIn.getHeaders().getLocation().toString();
        assertThat(location).matches("(http://localhost:" + port + ")?/finance\\.html\\?tab=files(&continue)?");
        assertThat(SecurityConfiguration.sameOriginPath("//example.org/x")).isFalse();
        assertThat(SecurityConfiguration.sameOriginPath("/\\example.org/x")).isFalse();
        assertThat(SecurityConfiguration.sameOriginPath("/tasks.html")).isTrue();
    }

    @Test
    void shouldIgnoreANextParameterThatNamesAnotherSite() {
        assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
        // given a sign-in link that would send the user to another site afterwards
        try (Browser b = new Browser("http://localhost:" + port)) {
            for (String next : List.of("/\\example.org/", "//example.org/", "https://example.org/")) {
                b.open("/login.html");
                b.driver.manage().deleteAllCookies();
                b.open("/login.html?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));

                // when the user signs in
                b.find("#username").sendKeys("officer");
                b.find("#password").sendKeys("officer");
                b.find("#signin").click();
                b.waitFor(d -> !d.findElements(By.id("user")).isEmpty());

                // then the user stays on this site
                assertThat(b.driver.getCurrentUrl()).as(next).startsWith("http://localhost:" + port + "/");
            }
            // and a path of this site is followed
            b.driver.manage().deleteAllCookies();
            b.open("/login.html?next=" + java.net.URLEncoder.encode("/tasks.html", java.nio.charset.StandardCharsets.UTF_8));
            b.find("#username").sendKeys("officer");
            b.find("#password").sendKeys("officer");
            b.find("#signin").click();
            b.waitFor(d -> d.getCurrentUrl().endsWith("/tasks.html"));
            assertThat(b.cspViolations()).isEmpty();
            // and the browser enforces the policy, and the console shows what it refused (what the journeys check)
            ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
                    "document.body.setAttribute('style', 'color: red')");
            b.waitFor(d -> b.cspViolations().isEmpty() ? null : Boolean.TRUE);
        }
    }

    private ResponseEntity<String> postForm(String user, String xsrf, String session) {
        HttpHeaders headers = cookies((session == null ? "" : session + "; ") + "XSRF-TOKEN=" + xsrf);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", user);
        form.add("_csrf", xsrf);
        return rest.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
    }

    private static HttpHeaders cookies(String cookies) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookies);
        return headers;
    }
}
