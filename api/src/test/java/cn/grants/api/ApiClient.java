package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Drives the REST API as the demo users do (HTTP Basic, password = user name). */
public final class ApiClient {

    public static final String CREDIT_CODE = CreditCodes.withCheck("91440300MA5F00001");
    public static final String OTHER_CREDIT_CODE = CreditCodes.withCheck("91440300MA5F00002");
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private final TestRestTemplate rest;

    public ApiClient(TestRestTemplate rest) {
        this.rest = rest;
    }

    public ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, json()), MAP);
    }

    public ResponseEntity<Map<String, Object>> get(String user, String path) {
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, MAP);
    }

    public List<Map<String, Object>> list(String user, String path) {
        ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user, user)
                .exchange(path, HttpMethod.GET, null, LIST);
        assertThat(response.getStatusCode().is2xxSuccessful()).as("GET %s: %s", path, response.getStatusCode()).isTrue();
        return response.getBody();
    }

    public ResponseEntity<Map<String, Object>> upload(String user, String caseId, String kind, String fileName,
            String contentType, byte[] content) {
        HttpHeaders partHeaders = new HttpHeaders();
        partHeaders.setContentType(MediaType.parseMediaType(contentType));
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, partHeaders));
        body.add("kind", kind);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, user).exchange("/api/cases/" + caseId + "/documents", HttpMethod.POST,
                new HttpEntity<>(body, headers), MAP);
    }

    public ResponseEntity<byte[]> download(String user, String path) {
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.GET, null, byte[].class);
    }

    public Map<String, Object> createCase(String user, String measureId, Map<String, Object> inputs) {
        ResponseEntity<Map<String, Object>> response = post(user, "/api/cases", Map.of("measureId", measureId,
                "applicant", Map.of("name", "深圳市示例装备有限公司", "creditCode", CREDIT_CODE),
                "project", Map.of("title", "超精密数控磨床攻关"), "inputs", inputs));
        assertThat(response.getStatusCode().value()).as("create: %s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    /** Waits for the open task of an element on a case, visible to the user. */
    public String task(String user, String caseId, String taskType) {
        return await("task " + taskType + " of " + caseId, Duration.ofSeconds(30), () -> list(user, "/api/tasks").stream()
                .filter(t -> caseId.equals(t.get("caseId")) && taskType.equals(t.get("taskType")))
                .map(t -> (String) t.get("id")).findFirst().orElse(null));
    }

    public Map<String, Object> complete(String user, String taskId, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> response = post(user, "/api/tasks/" + taskId + "/complete", body);
        assertThat(response.getStatusCode().value()).as("complete: %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    public Map<String, Object> awaitCase(String user, String caseId, String status) {
        return await("case " + caseId + " " + status, Duration.ofSeconds(60), () -> {
            Map<String, Object> c = get(user, "/api/cases/" + caseId).getBody();
            return c != null && status.equals(c.get("status")) ? c : null;
        });
    }

    public static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
