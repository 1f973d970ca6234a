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

    /**
     * Opens a round of the measures whose window closes after the given time; answers its id. A measure without a
     * budget (given here or set for the year before) is opened with a recorded no-limit decision.
     */
    public String openRound(Duration window, Map<String, Object> budgets, String... measures) {
        return openRound(window, budgets, Map.of(), measures);
    }

    /** A round paying its staged measures by the stages given (measure → {method, shares}). */
    public String openRound(Duration window, Map<String, Object> budgets, Map<String, Object> stages,
            String... measures) {
        ResponseEntity<Map<String, Object>> response = requestRound("测试批次 test round "
                + java.util.UUID.randomUUID().toString().substring(0, 6), window, budgets, stages, measures);
        assertThat(response.getStatusCode().value()).as("open round: %s", response.getBody()).isEqualTo(201);
        return (String) response.getBody().get("id");
    }

    /** Asks to open a round (measures without a budget are listed as unlimited, with a reason), whatever the answer. */
    public ResponseEntity<Map<String, Object>> requestRound(String name, Duration window, Map<String, Object> budgets,
            String... measures) {
        return requestRound(name, window, budgets, Map.of(), measures);
    }

    public ResponseEntity<Map<String, Object>> requestRound(String name, Duration window, Map<String, Object> budgets,
            Map<String, Object> stages, String... measures) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (!stages.isEmpty()) {
            body.put("stages", stages);
        }
        java.time.OffsetDateTime closes = java.time.OffsetDateTime.now().plus(window);
        int year = closes.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        List<Object> budgeted = list("officer", "/api/budgets").stream()
                .filter(b -> Integer.valueOf(year).equals(b.get("year"))).map(b -> b.get("programme")).toList();
        List<String> unlimited = java.util.Arrays.stream(measures)
                .filter(m -> !budgets.containsKey(m) && !budgeted.contains(m)).distinct().toList();
        body.put("name", name);
        body.put("measures", List.of(measures));
        body.put("windowCloses", closes.toString());
        body.put("budgets", budgets);
        if (!unlimited.isEmpty()) {
            body.put("unlimited", unlimited);
            body.put("unlimitedReason", "测试：不设预算上限 test round without a budget limit");
        }
        return post("officer", "/api/rounds", body);
    }

    public static Map<String, Object> payee(String name) {
        return Map.of("accountName", name, "account", "755912345610001", "bank", "招商银行深圳分行",
                "bankCode", "308584000013");
    }

    public Map<String, Object> createCase(String user, String roundId, String measureId, Map<String, Object> inputs) {
        return createCase(user, roundId, measureId, inputs, "深圳市示例装备有限公司", CREDIT_CODE);
    }

    /**
     * An application by an enterprise that meets every condition it answers: it declares each declaration and
     * states figures, counts and dates that meet them (documents are filed at the formal check, see
     * {@link #formalCheckApproval}).
     */
    public Map<String, Object> createCase(String user, String roundId, String measureId, Map<String, Object> inputs,
            String enterprise, String creditCode) {
        ResponseEntity<Map<String, Object>> response = post(user, "/api/cases", Map.of("roundId", roundId,
                "measureId", measureId, "applicant", Map.of("name", enterprise, "creditCode", creditCode),
                "project", Map.of("title", "超精密数控磨床攻关"), "payee", payee(enterprise), "inputs", inputs,
                "eligibility", eligibleAnswers(measureId)));
        assertThat(response.getStatusCode().value()).as("create: %s", response.getBody()).isEqualTo(201);
        return response.getBody();
    }

    private final Map<String, List<Map<String, Object>>> conditions = new java.util.concurrent.ConcurrentHashMap<>();

    /** The eligibility conditions of a measure, as GET /api/measures lists them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> conditions(String measureId) {
        return conditions.computeIfAbsent(measureId, id -> list("applicant", "/api/measures").stream()
                .filter(m -> id.equals(m.get("id"))).findFirst()
                .map(m -> (List<Map<String, Object>>) m.get("conditions")).orElse(List.of()));
    }

    /** Answers that meet every condition the applicant answers: declarations, the minimum figure or count, dates. */
    public Map<String, Object> eligibleAnswers(String measureId) {
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        for (Map<String, Object> c : conditions(measureId)) {
            Map<?, ?> evidence = (Map<?, ?>) c.get("evidence");
            switch (evidence.get("type").toString()) {
                case "DECLARATION" -> answers.put(c.get("id").toString(), true);
                case "FIGURE", "COUNT" -> answers.put(c.get("id").toString(), evidence.get("min"));
                case "DATE_WITHIN" -> answers.put(c.get("id").toString(), Map.of("from", "2026-01-05", "to", "2026-06-30"));
                default -> {
                    // a document condition is answered by its document
                }
            }
        }
        return answers;
    }

    /**
     * The officer's formal-check approval: every condition the system has not marked met is marked met after
     * looking at its answer and documents.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> formalCheckApproval(String caseId) {
        Map<String, Object> marks = new java.util.LinkedHashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) get("officer", "/api/cases/" + caseId).getBody()
                .get("conditions")) {
            if ("DOCUMENT".equals(c.get("evidence")) && ((List<?>) c.get("documents")).isEmpty()) {
                // the document the condition names, as the officer files it from the paper submission
                assertThat(upload("officer", caseId, c.get("kind").toString(), c.get("id") + ".pdf",
                        "application/pdf", "%PDF-1.4".getBytes()).getStatusCode().value()).isEqualTo(201);
            }
            if (!"MET".equals(c.get("systemMark"))) {
                marks.put(c.get("id").toString(), Map.of("met", true, "note", "已核验 verified"));
            }
        }
        return Map.of("outcome", "APPROVE", "variables", Map.of("conditions", marks));
    }

    /** The officer approves the formal check of a case, marking its conditions met. */
    public Map<String, Object> passFormalCheck(String caseId) {
        return complete("officer", task("officer", caseId, "UserTask_FormalCheck"), formalCheckApproval(caseId));
    }

    /** A rubric score sheet with every criterion at the given score. */
    public static Map<String, Object> scores(int score) {
        return Map.of("TECHNOLOGY", score, "MARKET", score, "PLAN", score, "FINANCE", score, "TEAM", score);
    }

    /** Every expert drawn for the case scores it (each sees only his own task). */
    public void expertsScore(String caseId, int score, int experts) {
        int scored = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (scored < experts && System.nanoTime() < deadline) {
            for (int i = 1; i <= 8 && scored < experts; i++) {
                String expert = "expert" + i;
                for (Map<String, Object> t : list(expert, "/api/tasks")) {
                    if (caseId.equals(t.get("caseId")) && "UserTask_ExpertScore".equals(t.get("taskType"))) {
                        complete(expert, (String) t.get("id"), Map.of("outcome", "SCORE",
                                "variables", Map.of("scores", scores(score))));
                        scored++;
                    }
                }
            }
            if (scored < experts) {
                sleep(200);
            }
        }
        assertThat(scored).as("experts who scored case %s", caseId).isEqualTo(experts);
    }

    /** Officer formal check approval, then the experts score: the steps before the batch decision. */
    public void passReview(String caseId, int score) {
        passFormalCheck(caseId);
        expertsScore(caseId, score, 3);
    }

    public Map<String, Object> awaitStage(String user, String caseId, String stage) {
        return await("case " + caseId + " at " + stage, Duration.ofSeconds(60), () -> {
            Map<String, Object> c = get(user, "/api/cases/" + caseId).getBody();
            return c != null && stage.equals(c.get("currentStage")) ? c : null;
        });
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the open task of an element on a case, visible to the user. */
    public String task(String user, String caseId, String taskType) {
        return await("task " + taskType + " of " + caseId, Duration.ofSeconds(30), () -> list(user, "/api/tasks?caseId="
                + caseId).stream()
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
