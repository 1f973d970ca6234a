package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestTemplate;

/**
 * Signs in through the form as a browser does: gets the CSRF cookie from the sign-in page, posts the form with it,
 * and keeps the session cookie and the (possibly renewed) CSRF token. The client must not follow redirects.
 */
public final class FormSignIn {

    /** What a signed-in browser sends back: the session cookie's value and the CSRF token. */
    public record Browser(String session, String xsrf) {
    }

    private FormSignIn() {
    }

    public static Browser signIn(RestTemplate rest, String user) {
        ResponseEntity<String> page = rest.getForEntity("/login.html", String.class);
        String xsrf = cookie(page.getHeaders(), "XSRF-TOKEN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + xsrf);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", user);
        form.add("_csrf", xsrf);
        ResponseEntity<String> login = rest.postForEntity("/login", new HttpEntity<>(form, headers), String.class);
        assertThat(login.getStatusCode().value()).isEqualTo(302);
        assertThat(login.getHeaders().getLocation().getPath()).isEqualTo("/");
        String session = cookie(login.getHeaders(), "JSESSIONID");
        assertThat(session).as("session cookie").isNotBlank();
        String token = cookie(login.getHeaders(), "XSRF-TOKEN");
        return new Browser(session, token == null ? xsrf : token);
    }

    /** The value a response sets for the cookie, or null. */
    public static String cookie(HttpHeaders headers, String name) {
        List<String> cookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
        return cookies.stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1).split(";")[0]).filter(v -> !v.isEmpty()).findFirst()
                .orElse(null);
    }
}
