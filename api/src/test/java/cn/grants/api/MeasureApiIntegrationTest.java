package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The catalogue and quotes over HTTP, as anyone (no login) sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class MeasureApiIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest);
    }

    private List<Map<String, Object>> measures(String query) {
        return rest.exchange("/api/measures" + query, org.springframework.http.HttpMethod.GET, null,
                new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    private ResponseEntity<Map<String, Object>> quote(String measure, Object inputs) {
        return rest.exchange("/api/measures/" + measure + "/quote", org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(Map.of("inputs", inputs)),
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListTheCatalogueCitedToDocumentAndClause() {
        // when
        List<Map<String, Object>> all = measures("");
        List<Map<String, Object>> newMaterials = measures("?document=004_af7725881e400d8b.txt");
        List<Map<String, Object>> robots = measures("?cluster=INTELLIGENT_ROBOT");
        List<Map<String, Object>> postFunding = measures("?mode=POST_FUNDING");

        // then
        assertThat(all).hasSize(76);
        assertThat(newMaterials).isNotEmpty().allSatisfy(m -> assertThat(((Map<String, Object>) m.get("source"))
                .get("document")).isEqualTo("004_af7725881e400d8b.txt"));
        assertThat(robots).isNotEmpty().allSatisfy(m -> assertThat((List<String>) m.get("clusters")).contains("INTELLIGENT_ROBOT"));
        assertThat(postFunding).isNotEmpty().allSatisfy(m -> assertThat(m.get("mode")).isEqualTo("POST_FUNDING"));
        Map<String, Object> rd = all.stream().filter(m -> m.get("id").equals("sz-equip-03-major-equipment-rd")).findFirst().orElseThrow();
        assertThat((Map<String, Object>) rd.get("source")).containsEntry("clause", "（三）");
        assertThat((List<Map<String, Object>>) rd.get("inputs")).extracting(i -> i.get("code")).containsExactly("INVESTMENT");
        Map<String, Object> tiered = all.stream().filter(m -> "TIERED".equals(((Map<String, Object>) m.get("rule")).get("type")))
                .findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) tiered.get("inputs")).anySatisfy(i -> assertThat((List<?>) i.get("tiers")).isNotEmpty());
        assertThat(api.list("applicant", "/api/clusters")).extracting(c -> c.get("code")).contains("NEW_MATERIALS", "AVIATION");
        Map<String, Object> park = api.get("applicant", "/api/measures/sz-equip-02-key-park-operation").getBody();
        assertThat((List<Map<String, Object>>) park.get("conditions")).anySatisfy(c -> assertThat(c)
                .containsEntry("quote", "对经认定的重点园区运营方").containsEntry("clause", "（二）"));
        assertThat(park).containsEntry("determination", "OPTIONAL").containsEntry("batchCut", "PRO_RATA");
        assertThat(api.list("applicant", "/api/clusters/sectors")).extracting(c -> c.get("code"))
                .contains("SZ_ELECTRONIC_INFORMATION", "SZ_HIGH_END_EQUIPMENT", "GD_HIGH_END_EQUIPMENT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldQuoteWithCapExplanationAndYearlySchedule() {
        // when
        Map<String, Object> capped = quote("sz-equip-03-major-equipment-rd", Map.of("INVESTMENT", 200000000000L)).getBody();
        Map<String, Object> multiYear = quote("sz-newmat-07-innovation-chain-industry-chain", Map.of("INVESTMENT", "120000000.00")).getBody();

        // then
        assertThat(capped).containsEntry("amount", "100000000.00").containsEntry("capped", true);
        assertThat((String) capped.get("explanation")).startsWith("min(30% × 200,000,000,000.00, 100,000,000.00)");
        assertThat((List<Map<String, Object>>) multiYear.get("schedule")).extracting(y -> y.get("amount"))
                .containsExactly("15000000.00", "15000000.00", "6000000.00");
    }

    @Test
    void shouldRefuseBadQuoteInputNamingTheField() {
        String contracts = measures("").stream()
                .filter(m -> "CONTRACT_SUM".equals(((Map<?, ?>) m.get("rule")).get("type"))).findFirst().orElseThrow()
                .get("id").toString();
        String tiered = "sz-mfg-13-champion-national";
        assertField("sz-equip-03-major-equipment-rd", Map.of("INVESTMENT", "-1"), "inputs.INVESTMENT");
        assertField("sz-equip-03-major-equipment-rd", Map.of("INVESTMENT", "lots"), "inputs.INVESTMENT");
        assertField("sz-equip-03-major-equipment-rd", Map.of("INVESTMENT", "10.123"), "inputs.INVESTMENT");
        assertField("sz-equip-03-major-equipment-rd", Map.of(), "inputs.INVESTMENT");
        assertField("sz-equip-03-major-equipment-rd", Map.of("INVESTMENT", "1", "SALES", "1"), "inputs.SALES");
        assertField(contracts, Map.of("CONTRACT_RECEIPTS", List.of("1", "2", "3", "4")), "inputs.CONTRACT_RECEIPTS");
        assertField(tiered, Map.of("TIER", "GALACTIC"), "inputs.TIER");
    }

    private void assertField(String measure, Object inputs, String field) {
        ResponseEntity<Map<String, Object>> response = quote(measure, inputs);
        assertThat(response.getStatusCode().value()).as("%s %s: %s", measure, inputs, response.getBody()).isEqualTo(400);
        assertThat(response.getBody()).containsEntry("field", field);
    }
}
