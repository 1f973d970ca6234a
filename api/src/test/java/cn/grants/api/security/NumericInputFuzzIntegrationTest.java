package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Numbers are bounded before any arithmetic: every hostile value sent to every numeric field of the API is refused
 * with a 400 problem naming the field, at once, never a 500 or a busy core. The values are raw JSON (numbers with
 * huge exponents or overflowing any Java type, NaN, strings with full-width or Arabic-Indic digits, separators,
 * exponents, signs, booleans, objects).
 *
 * <p>"At once" is checked against {@link #BUSY}: a value that reached arbitrary-precision arithmetic keeps a core
 * busy far longer (scaling {@code 1e99999999} to two decimals: 67 s, then out of memory in a 512 MB heap), so a
 * generous bound still catches it while a garbage collection or a loaded CI machine (one request took 2.3 s there)
 * does not fail the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class NumericInputFuzzIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";
    static final String UNIT_MEASURE = "sz-equip-05-equipment-trial-subsidy";

    /** Far beyond any answer on a loaded machine, far below what unbounded arithmetic on a hostile value takes. */
    static final Duration BUSY = Duration.ofSeconds(15);

    /** Each as it appears in the JSON body. */
    static final List<String> HOSTILE = List.of(
            "1e999999999", "\"1e999999999\"", "1e99999999", "1e9999999", "1E+2147483647", "-1e999999999",
            "1e-999999999", "1e400", "-1", "\"-1\"", "123456789012345678901234567890", "99999999999999999.99",
            "\"99999999999999999.99\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "\"１２３\"",
            "\"١٢٣\"", "\"1,000\"", "\"1 000\"", "\"1_000\"", "\"0x10\"", "\"1e5\"", "\"+5\"", "\"1.234\"", "1.234",
            "\"\"", "\" \"", "true", "{}", "[]", "\"" + "9".repeat(5000) + "\"", "9".repeat(5000));

    /** A numeric field of the API: where it is, who may send it, and how a value is placed in the body. */
    record Field(String name, HttpMethod method, String path, String user, String template) {
        String body(String value) {
            return template.replace("%V", value);
        }
    }

    @Autowired
    TestRestTemplate rest;

    private ResponseEntity<Map<String, Object>> send(Field field, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate client = field.user() == null ? rest : rest.withBasicAuth(field.user(), field.user());
        return client.exchange(field.path(), field.method(), new HttpEntity<>(field.body(value), headers),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    private List<Field> fields() {
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE, UNIT_MEASURE);
        String createCase = """
                {"roundId": "%s", "measureId": "%s", "applicant": {"name": "深圳市示例装备有限公司", "creditCode": "%s"},
                 "project": {"title": "项目"}, "payee": {"accountName": "深圳市示例装备有限公司", "account": "755912345610001",
                 "bank": "招商银行深圳分行", "bankCode": "308584000013"}, "inputs": %s}""";
        String openRound = """
                {"name": "fuzz", "measures": ["%s"], "windowCloses": "CLOSES", %s}"""
                .replace("CLOSES", java.time.OffsetDateTime.now().plusHours(1).toString());
        return List.of(
                new Field("inputs.INVESTMENT", HttpMethod.POST, "/api/measures/" + MEASURE + "/quote", null,
                        "{\"inputs\": {\"INVESTMENT\": %V}}"),
                new Field("inputs.UNITS", HttpMethod.POST, "/api/measures/" + UNIT_MEASURE + "/quote", null,
                        "{\"inputs\": {\"MARKET_PRICE\": \"1000.00\", \"UNITS\": %V}}"),
                new Field("inputs.MARKET_PRICE", HttpMethod.POST, "/api/measures/" + UNIT_MEASURE + "/quote", null,
                        "{\"inputs\": {\"MARKET_PRICE\": %V, \"UNITS\": 1}}"),
                new Field("inputs.INVESTMENT", HttpMethod.POST, "/api/cases", "applicant",
                        createCase.formatted(round, MEASURE, ApiClient.CREDIT_CODE, "{\"INVESTMENT\": %V}")),
                new Field("inputs.UNITS", HttpMethod.POST, "/api/cases", "applicant", createCase.formatted(round,
                        UNIT_MEASURE, ApiClient.CREDIT_CODE, "{\"MARKET_PRICE\": \"1000.00\", \"UNITS\": %V}")),
                new Field("amount", HttpMethod.PUT, "/api/budgets/" + MEASURE + "/2099", "officer", "{\"amount\": %V}"),
                new Field("budgets." + MEASURE, HttpMethod.POST, "/api/rounds", "officer",
                        openRound.formatted(MEASURE, "\"budgets\": {\"" + MEASURE + "\": %V}")),
                new Field("passScore", HttpMethod.POST, "/api/rounds", "officer", openRound.formatted(MEASURE,
                        "\"unlimited\": [\"" + MEASURE + "\"], \"unlimitedReason\": \"fuzz\", \"passScore\": %V")),
                new Field("expertsPerCase", HttpMethod.POST, "/api/rounds", "officer", openRound.formatted(MEASURE,
                        "\"unlimited\": [\"" + MEASURE + "\"], \"unlimitedReason\": \"fuzz\", \"expertsPerCase\": %V")));
    }

    @Test
    void shouldRefuseEveryHostileNumberInEveryNumericFieldFastWithA400NamingTheField() {
        List<String> wrong = new ArrayList<>();
        for (Field field : fields()) {
            for (String value : HOSTILE) {
                // when
                long started = System.nanoTime();
                ResponseEntity<Map<String, Object>> response = send(field, value);
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                // then a 400 that names the field, answered at once
                String shown = value.length() > 30 ? value.substring(0, 30) + "…" : value;
                Map<String, Object> problem = response.getBody();
                if (response.getStatusCode().value() != 400) {
                    wrong.add(field.name() + " = " + shown + ": " + response.getStatusCode() + " " + problem);
                } else if (problem == null || !String.valueOf(problem.get("field")).startsWith(field.name())) {
                    wrong.add(field.name() + " = " + shown + ": the problem names " + (problem == null ? null
                            : problem.get("field")) + " (" + (problem == null ? null : problem.get("detail")) + ")");
                }
                if (took.compareTo(BUSY) > 0) {
                    wrong.add(field.name() + " = " + shown + ": took " + took.toMillis() + " ms");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldStillAcceptTheLargestAmountTheDatabaseHoldsAndPlainNumbers() {
        // given the largest numeric(18, 2) amount, and amounts written as JSON numbers and strings
        Field budget = new Field("amount", HttpMethod.PUT, "/api/budgets/" + MEASURE + "/2098", "officer",
                "{\"amount\": %V}");

        // then they are accepted as the amounts they are
        for (String value : List.of("\"9999999999999999.99\"", "1500000", "1500000.5", "\"1500000.50\"", "1.5E6",
                "\"100.000\"")) {
            ResponseEntity<Map<String, Object>> response = send(budget, value);
            assertThat(response.getStatusCode().value()).as("%s: %s", value, response.getBody()).isEqualTo(200);
        }
        assertThat(send(budget, "\"9999999999999999.99\"").getBody()).containsEntry("amount", "9999999999999999.99");
    }
}
