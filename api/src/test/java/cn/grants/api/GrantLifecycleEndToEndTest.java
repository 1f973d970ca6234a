package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * End to end with the engine in a JVM of its own: the application is a plain client of it, configured with its gRPC
 * address as production is configured with a Camunda 8 cluster's (ZEEBE_GRPC_ADDRESS), and takes a case of a round
 * over HTTP from creation to paid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/e2e-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-working-days=0",
    "grants.lifecycle.publicity-duration=PT2S",
    "grants.lifecycle.review-poll=PT1S",
    "camunda.client.worker.defaults.timeout=PT15S",
    "camunda.client.worker.override[io.camunda.zeebe\\:userTask].timeout=PT30S"})
class GrantLifecycleEndToEndTest {

    static EngineProcess engine;

    /**
     * The engine's address is set before the context starts, as production sets ZEEBE_GRPC_ADDRESS (the embedded
     * engine decides whether to start while the environment is prepared, before dynamic test properties exist).
     */
    @BeforeAll
    static void startEngine() {
        engine = EngineProcess.start();
        System.setProperty("grants.zeebe.address", engine.grpcAddress());
    }

    @AfterAll
    static void stopEngine() {
        System.clearProperty("grants.zeebe.address");
        engine.close();
    }

    @Autowired
    TestRestTemplate rest;
    @Value("${grants.zeebe.embedded}")
    boolean embeddedEngine;

    @Test
    @SuppressWarnings("unchecked")
    void shouldTakeACaseFromCreationToPaidAsAClientOfAnEngineInItsOwnJvm() {
        // given
        ApiClient api = new ApiClient(rest);
        assertThat(embeddedEngine).isFalse();
        Map<String, Object> health = api.get("officer", "/actuator/health").getBody();
        assertThat(((Map<String, Object>) ((Map<String, Object>) health.get("components")).get("engine")).get("status"))
                .isEqualTo("UP");
        String round = api.openRound(java.time.Duration.ofSeconds(8), Map.of(), "sz-equip-03-major-equipment-rd");
        String id = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "400000000.00")).get("id");
        assertThat(api.upload("applicant", id, "FEASIBILITY_STUDY", "study.pdf", "application/pdf", "%PDF".getBytes())
                .getStatusCode().value()).isEqualTo(201);

        // when
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value()).isEqualTo(200);
        api.passReview(id, 90);
        // 100,000,000.00 is above finance's limit (10,000,000.00): a second finance officer approves
        api.complete("finance", api.task("finance", id, "UserTask_FinanceApproval"), Map.of("outcome", "APPROVE"));
        api.complete("finance2", api.task("finance2", id, "UserTask_SecondApproval"), Map.of("outcome", "APPROVE"));

        // then
        Map<String, Object> paid = api.awaitCase("applicant", id, "PAID");
        assertThat(paid.get("calculatedAmount")).isEqualTo("100000000.00");
        assertThat(paid.get("capped")).isEqualTo(true);
        assertThat(paid.get("paidAmount")).isEqualTo("100000000.00");
        assertThat((List<Map<String, Object>>) paid.get("timeline")).filteredOn(e -> "ENTERED".equals(e.get("event")))
                .extracting(e -> e.get("stage")).containsExactly("SUBMITTED", "FORMAL_CHECK", "EXPERT_REVIEW",
                        "CALCULATION", "AWAITING_BATCH", "PUBLICITY", "FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT",
                        "TRANCHE_PAID", "PAID");
        // the decisions that applied, each named with its version and row: the review route (100,000,000 is not
        // above the major-project threshold) and the finance approval routing of both approvals
        assertThat((List<Map<String, Object>>) api.get("officer", "/api/cases/" + id).getBody().get("timeline"))
                .filteredOn(e -> "DECIDED".equals(e.get("event"))).extracting(e -> e.get("detail").toString())
                .satisfiesExactly(
                        route -> assertThat(route).contains("review-route v1", "row 4 (Rule_Default)", "3 位专家"),
                        first -> assertThat(first).contains("finance-approval v1", "row 2 (Rule_FinanceFirstAboveLimit)",
                                "需复核"),
                        second -> assertThat(second).contains("finance-approval v1", "row 6 (Rule_Finance2Second)"));
    }
}
