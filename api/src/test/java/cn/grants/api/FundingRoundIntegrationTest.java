package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.api.cases.CreditCodes;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.w3c.dom.Document;

/**
 * A funding round of three applicants on the whole system (in-memory engine, embedded PostgreSQL and S3): one is
 * returned for correction, the batch is oversubscribed and cut pro rata after an officer confirms, one gets a named
 * objection that is upheld, a multi-year measure pays its first tranche above the first approver's limit, and
 * finance exports the paid tranches as pain.001.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT12S",
    "grants.lifecycle.review-poll=PT1S"})
class FundingRoundIntegrationTest {

    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";
    static final String MULTI_YEAR = "sz-newmat-07-innovation-chain-industry-chain";
    static final String THIRD_CREDIT_CODE = CreditCodes.withCheck("91440300MA5F00003");

    @Autowired
    TestRestTemplate rest;

    @Test
    @SuppressWarnings("unchecked")
    void shouldRunARoundOfThreeApplicantsFromWindowToFirstPayouts() throws Exception {
        // given a round of two measures, the equipment budget smaller than what will be asked
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofSeconds(10), Map.of(EQUIPMENT, "8000000.00"), EQUIPMENT, MULTI_YEAR);
        String first = (String) api.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "8000000.00"),
                "深圳市示例装备有限公司", ApiClient.CREDIT_CODE).get("id");
        String second = (String) api.createCase("applicant2", round, EQUIPMENT, Map.of("INVESTMENT", "20000000.00"),
                "深圳市第二精密机械有限公司", ApiClient.OTHER_CREDIT_CODE).get("id");
        String third = (String) api.createCase("applicant3", round, MULTI_YEAR, Map.of("INVESTMENT", "120000000.00"),
                "深圳市第三新材料有限公司", THIRD_CREDIT_CODE).get("id");
        for (String[] c : new String[][] {{"applicant", first}, {"applicant2", second}, {"applicant3", third}}) {
            assertThat(api.post(c[0], "/api/cases/" + c[1] + "/submit", null).getStatusCode().value()).isEqualTo(200);
        }

        // when the first is returned for correction and resubmitted with the audited investment
        api.complete("officer", api.task("officer", first, "UserTask_FormalCheck"),
                Map.of("outcome", "RETURN", "comment", "投资额与专项审计报告不一致，请更正"));
        api.complete("applicant", api.task("applicant", first, "UserTask_Correction"),
                Map.of("outcome", "RESUBMIT", "variables", Map.of("inputs", Map.of("INVESTMENT", "10000000.00"))));
        api.passReview(first, 80);
        api.passReview(second, 85);
        api.passReview(third, 90);

        // then the batch is oversubscribed (3,000,000 + 6,000,000 > 8,000,000): an officer confirms the cut
        String cut = api.await("the cut to confirm", Duration.ofSeconds(60), () -> api.list("officer", "/api/tasks")
                .stream().filter(t -> round.equals(t.get("roundId")) && "UserTask_ConfirmCut".equals(t.get("taskType")))
                .map(t -> (String) t.get("id")).findFirst().orElse(null));
        Map<String, Object> planned = api.get("officer", "/api/rounds/" + round).getBody();
        assertThat(planned.get("batchPlan").toString()).contains("oversubscribed=true", "按比例核减");
        assertThat(api.list("applicant", "/api/rounds")).extracting(r -> r.get("batchPlan")).containsOnlyNulls();
        api.complete("officer", cut, Map.of("outcome", "CONFIRM"));
        Map<String, Object> listedFirst = api.awaitStage("applicant", first, "PUBLICITY");
        assertThat(listedFirst.get("approvedAmount")).isEqualTo("2666666.66");
        assertThat(api.awaitStage("applicant2", second, "PUBLICITY").get("approvedAmount")).isEqualTo("5333333.33");
        assertThat(api.awaitStage("applicant3", third, "PUBLICITY").get("approvedAmount")).isEqualTo("36000000.00");

        // and the public list shows the three; an anonymous objection is recorded and refused, a named one holds
        List<Map<String, Object>> published = publicList();
        assertThat(published).extracting(p -> p.get("caseId")).contains(first, second, third);
        ResponseEntity<Map> anonymous = rest.postForEntity("/api/publicity/" + second + "/objections",
                Map.of("type", "REPORT", "content", "该企业虚报投资额"), Map.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(201);
        assertThat(anonymous.getBody()).containsEntry("status", "REFUSED_ANONYMOUS");
        ResponseEntity<Map> dissentByOther = rest.postForEntity("/api/publicity/" + second + "/objections",
                Map.of("type", "DISSENT", "name", "王五", "contact", "13800000000", "content", "异议"), Map.class);
        assertThat(dissentByOther.getBody()).containsEntry("field", "type");
        ResponseEntity<Map> named = rest.postForEntity("/api/publicity/" + second + "/objections",
                Map.of("type", "COMPLAINT", "name", "张三", "contact", "13900000000",
                        "content", "该项目设备采购合同金额与实际不符，附合同复印件"), Map.class);
        assertThat(named.getBody()).containsEntry("status", "UNDER_INVESTIGATION");
        api.awaitStage("applicant2", second, "ON_HOLD");
        String investigation = api.task("officer", second, "UserTask_InvestigateObjection");
        api.complete("officer", investigation, Map.of("outcome", "UPHOLD", "comment", "经核查，合同金额虚报属实"));

        // then only that case ends, its commitment released; the others pass publicity into the funding plan
        Map<String, Object> rejected = api.awaitCase("applicant2", second, "REJECTED");
        assertThat((String) rejected.get("rejectionReason")).contains("objection upheld", "合同金额虚报属实");
        assertThat((List<Map<String, Object>>) rejected.get("objections")).extracting(o -> o.get("status"))
                .containsExactly("REFUSED_ANONYMOUS", "UPHELD");
        Map<String, Object> budget = ((List<Map<String, Object>>) api.get("officer", "/api/rounds/" + round).getBody()
                .get("budgets")).get(0);
        assertThat(budget.get("committed")).isEqualTo("2666666.66");

        // and finance approves all of the round's tranches in one action, each its own recorded approval: the first
        // within its limit; the multi-year first tranche needs a second approver
        String firstTranche = api.task("finance", first, "UserTask_FinanceApproval");
        String tranche = api.task("finance", third, "UserTask_FinanceApproval");
        assertThat(api.get("finance", "/api/tasks/" + tranche).getBody().get("details").toString())
                .contains("trancheAmount=15000000.00", "trancheNumber=1");
        ResponseEntity<Map<String, Object>> notFinance = api.post("finance", "/api/tasks/approve",
                Map.of("taskIds", List.of(firstTranche, java.util.UUID.randomUUID().toString())));
        assertThat(notFinance.getBody()).containsEntry("status", 400).containsEntry("field", "taskIds[1]");
        Map<String, Object> bulk = api.post("finance", "/api/tasks/approve", Map.of("roundId", round)).getBody();
        assertThat(bulk).as("%s", bulk).containsEntry("approved", 2).containsEntry("refused", 0);
        assertThat((List<Map<String, Object>>) bulk.get("results")).extracting(r -> r.get("taskId"))
                .containsExactlyInAnyOrder(firstTranche, tranche);
        assertThat(api.awaitCase("applicant", first, "PAID").get("paidAmount")).isEqualTo("2666666.66");
        String second2 = api.task("finance2", third, "UserTask_SecondApproval");
        Map<String, Object> own = api.post("finance", "/api/tasks/approve", Map.of("taskIds", List.of(second2)))
                .getBody();
        assertThat(own).containsEntry("approved", 0).containsEntry("refused", 1);
        assertThat((List<Map<String, Object>>) own.get("results")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", 403));
        api.complete("finance2", second2, Map.of("outcome", "APPROVE"));
        Map<String, Object> multiYear = api.awaitStage("applicant3", third, "TRANCHE_PAID");
        assertThat(multiYear.get("paidAmount")).isEqualTo("15000000.00");
        assertThat((List<Map<String, Object>>) multiYear.get("tranches")).extracting(t -> t.get("amount"), t -> t.get("status"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("15000000.00", "PAID"),
                        org.assertj.core.groups.Tuple.tuple("15000000.00", "PLANNED"),
                        org.assertj.core.groups.Tuple.tuple("6000000.00", "PLANNED"));
        assertThat((String) multiYear.get("next")).contains("next tranche");

        // and the paid tranches are exported once as an ISO 20022 pain.001 credit transfer
        ResponseEntity<byte[]> export = rest.withBasicAuth("finance", "finance").exchange("/api/payouts/exports",
                HttpMethod.POST, HttpEntity.EMPTY, byte[].class);
        assertThat(export.getStatusCode().value()).isEqualTo(200);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(export.getBody()));
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("/*[local-name()='Document']/*/*[local-name()='GrpHdr']/*[local-name()='NbOfTxs']", xml))
                .isEqualTo("2");
        assertThat(new BigDecimal(xpath.evaluate(
                "/*[local-name()='Document']/*/*[local-name()='GrpHdr']/*[local-name()='CtrlSum']", xml)))
                .isEqualByComparingTo("17666666.66");
        assertThat(rest.withBasicAuth("finance", "finance").exchange("/api/payouts/exports", HttpMethod.POST,
                HttpEntity.EMPTY, Map.class).getStatusCode().value()).isEqualTo(409);
        assertThat(rest.withBasicAuth("applicant", "applicant").exchange("/api/payouts/exports", HttpMethod.POST,
                HttpEntity.EMPTY, Map.class).getStatusCode().value()).isEqualTo(403);
        Map<String, Object> after = api.get("officer", "/api/rounds/" + round).getBody();
        assertThat((List<Map<String, Object>>) after.get("fundingPlan")).extracting(l -> l.get("caseId"))
                .containsExactlyInAnyOrder(first, third);
        assertThat(api.list("officer", "/api/cases/" + second + "/experts")).extracting(d -> d.get("expertUser"))
                .doesNotContain("expert2");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> publicList() {
        return rest.exchange("/api/publicity", HttpMethod.GET, null, List.class).getBody();
    }
}
