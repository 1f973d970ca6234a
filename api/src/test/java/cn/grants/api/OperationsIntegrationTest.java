package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.operations.JobFailures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Nothing hangs unseen, on the whole system (in-memory engine, embedded PostgreSQL and S3): an officer takes a stuck
 * case out of its round's batch so the round goes on without it, and the operations page lists failed jobs, open
 * repair tasks and stuck cases for officers only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}",
    "grants.zeebe.embedded-port=0",
    "grants.lifecycle.publicity-duration=PT1M",
    "grants.lifecycle.review-poll=PT1S",
    "grants.operations.stuck-after=PT2S"})
class OperationsIntegrationTest {

    static final String EQUIPMENT = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobFailures failures;
    @Autowired
    io.camunda.client.jobhandling.result.ResultProcessorStrategy results;
    @Value("${grants.zeebe.epoch}")
    String epoch;

    @Test
    @SuppressWarnings("unchecked")
    void shouldLetAnOfficerExcludeAStuckCaseSoTheRoundDecidesItsBatchWithoutIt() {
        // given a round whose window closed with one case reviewed and one stuck at the formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofSeconds(8), Map.of(), EQUIPMENT);
        String reviewed = (String) api.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "8000000.00"),
                "深圳市示例装备有限公司", ApiClient.CREDIT_CODE).get("id");
        String stuck = (String) api.createCase("applicant2", round, EQUIPMENT, Map.of("INVESTMENT", "20000000.00"),
                "深圳市第二精密机械有限公司", ApiClient.OTHER_CREDIT_CODE).get("id");
        api.post("applicant", "/api/cases/" + reviewed + "/submit", null);
        api.post("applicant2", "/api/cases/" + stuck + "/submit", null);
        api.passReview(reviewed, 80);
        api.task("officer", stuck, "UserTask_FormalCheck");
        api.await("the round reviewing", Duration.ofSeconds(30), () ->
                "REVIEWING".equals(api.get("officer", "/api/rounds/" + round).getBody().get("status")) ? true : null);
        ApiClient.sleep(3000);
        assertThat(api.get("officer", "/api/rounds/" + round).getBody()).containsEntry("status", "REVIEWING");
        assertThat(api.get("applicant", "/api/cases/" + reviewed).getBody()).containsEntry("currentStage", "AWAITING_BATCH");

        // when an officer excludes the stuck case, with the reason (without one, or as an applicant, refused)
        String path = "/api/rounds/" + round + "/cases/" + stuck + "/exclusion";
        ResponseEntity<Map<String, Object>> noReason = api.post("officer", path, Map.of("reason", " "));
        ResponseEntity<Map<String, Object>> byApplicant = api.post("applicant2", path, Map.of("reason", "x"));
        ResponseEntity<Map<String, Object>> excluded = api.post("officer", path,
                Map.of("reason", "申请人失联，材料无法核实 applicant unreachable"));
        ResponseEntity<Map<String, Object>> again = api.post("officer", path, Map.of("reason", "again"));

        // then the round decides its batch without it: the reviewed case is listed, the excluded one never committed
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody()).containsEntry("field", "reason");
        assertThat(byApplicant.getStatusCode().value()).isEqualTo(403);
        assertThat(excluded.getStatusCode().value()).as("%s", excluded.getBody()).isEqualTo(201);
        assertThat(excluded.getBody()).containsEntry("excludedBy", "officer").containsEntry("caseId", stuck);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(api.awaitStage("applicant", reviewed, "PUBLICITY").get("approvedAmount")).isNotNull();
        Map<String, Object> stuckCase = api.get("officer", "/api/cases/" + stuck).getBody();
        assertThat(stuckCase.get("approvedAmount")).isNull();
        assertThat((List<Map<String, Object>>) stuckCase.get("timeline")).anySatisfy(e -> {
            assertThat(e.get("stage")).isEqualTo("BATCH_EXCLUDED");
            assertThat(e.get("actor")).isEqualTo("officer");
            assertThat((String) e.get("detail")).contains("applicant unreachable");
        });
        assertThat(jdbc.queryForObject("select count(*) from budget_commitment where case_id = ?", Long.class,
                UUID.fromString(stuck))).isZero();
        List<Map<String, Object>> lines = (List<Map<String, Object>>) api.get("officer", "/api/rounds/" + round)
                .getBody().get("cases");
        assertThat(lines).filteredOn(l -> stuck.equals(l.get("caseId"))).singleElement()
                .satisfies(l -> assertThat((Map<String, Object>) l.get("excluded")).containsEntry("excludedBy", "officer"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListFailedJobsRepairTasksAndStuckCasesForOfficersOnly() {
        // given a case whose formal check was lost (nobody is asked to act) and a failed job on another
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), EQUIPMENT);
        String lost = (String) api.createCase("applicant", round, EQUIPMENT, Map.of("INVESTMENT", "8000000.00")).get("id");
        String failing = (String) api.createCase("applicant2", round, EQUIPMENT, Map.of("INVESTMENT", "9000000.00"),
                "深圳市第二精密机械有限公司", ApiClient.OTHER_CREDIT_CODE).get("id");
        api.post("applicant", "/api/cases/" + lost + "/submit", null);
        api.task("officer", lost, "UserTask_FormalCheck");
        jdbc.update("update user_task set status = 'CANCELLED' where case_id = ?", UUID.fromString(lost));
        failures.record(new JobFailures.Failed(epoch, 987654321L, 123L, UUID.fromString(failing),
                UUID.fromString(round), "calculate-subsidy", "ServiceTask_CalculateSubsidy"),
                "IllegalStateException: connection refused", true);
        // and a step that failed once and then succeeded on its automatic retry
        failures.record(new JobFailures.Failed(epoch, 987654323L, 123L, UUID.fromString(failing),
                UUID.fromString(round), "plan-batch", "ServiceTask_PlanBatch"), "IllegalStateException: timeout", false);
        assertThat(failures.succeeded(epoch, 987654323L)).isTrue();
        assertThat(results).as("the workers' results clear their failures")
                .isInstanceOf(cn.grants.workers.ClearFailureOnSuccess.class);
        assertThat(failures.succeeded(epoch, 987654321L)).as("a step given to its repair task stays failed").isFalse();
        jdbc.update("""
                insert into user_task (id, engine_epoch, job_key, case_id, process_instance_key, element_id, name,
                                       candidate_group, outcomes, status, created_at, round_id, details)
                values (?, ?, 987654322, ?, 123, 'UserTask_RepairDrawExpert', '修复：抽取专家 Repair: draw expert',
                        'officer', 'RETRY,SKIP', 'OPEN', now(), ?, cast(? as jsonb))
                """, UUID.randomUUID(), epoch, UUID.fromString(failing), UUID.fromString(round),
                "{\"form\": \"repair\", \"technicalError\": \"IllegalStateException: pool file unreadable\"}");
        ApiClient.sleep(2500);

        // when
        ResponseEntity<Map<String, Object>> asApplicant = api.get("applicant", "/api/operations");
        ResponseEntity<Map<String, Object>> asFinance = api.get("finance", "/api/operations");
        Map<String, Object> ops = api.get("officer", "/api/operations").getBody();

        // then
        assertThat(asApplicant.getStatusCode().value()).isEqualTo(403);
        assertThat(asFinance.getStatusCode().value()).isEqualTo(403);
        assertThat((List<Map<String, Object>>) ops.get("failedJobs")).anySatisfy(f -> {
            assertThat(f).containsEntry("caseId", failing).containsEntry("step", "ServiceTask_CalculateSubsidy")
                    .containsEntry("jobType", "calculate-subsidy").containsEntry("status", "FAILED")
                    .containsEntry("error", "IllegalStateException: connection refused").containsKey("since");
        });
        assertThat((List<Map<String, Object>>) ops.get("failedJobs"))
                .noneMatch(f -> "ServiceTask_PlanBatch".equals(f.get("step")));
        assertThat(jdbc.queryForMap("select status, resolution, resolved_by from job_failure "
                + "where engine_epoch = ? and element_instance_key = 987654323", epoch))
                .containsEntry("status", "RESOLVED").containsEntry("resolution", "SUCCEEDED")
                .containsEntry("resolved_by", "system");
        assertThat((List<Map<String, Object>>) ops.get("stuckCases")).anySatisfy(s -> {
            assertThat(s).containsEntry("caseId", lost).containsEntry("roundId", round).containsKey("since");
            assertThat((String) s.get("stage")).isIn("SUBMITTED", "FORMAL_CHECK");
        });
        assertThat((List<Map<String, Object>>) ops.get("stuckCases")).noneMatch(s -> failing.equals(s.get("caseId")));
        assertThat((List<Map<String, Object>>) ops.get("repairTasks")).anySatisfy(r -> assertThat(r)
                .containsEntry("caseId", failing).containsEntry("step", "UserTask_RepairDrawExpert")
                .containsEntry("error", "IllegalStateException: pool file unreadable").containsKey("since"));
        assertThat(rest.withBasicAuth("applicant", "applicant").getForEntity("/operations.html", String.class)
                .getStatusCode().value()).isEqualTo(403);
    }
}
