package cn.grants.bpmn;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of review-route.dmn, through grant-lifecycle: the engine evaluates the shipped decision in the business
 * rule task, and the row decides the panel (draw-expert slots), the pass score and the special audit.
 */
@ZeebeProcessTest
class ReviewRouteProcessTest {

    static final String CASE = "00000000-0000-0000-0000-000000000007";

    private ZeebeTestEngine engine;
    private ZeebeClient client;
    private ProcessDriver driver;
    private final AtomicInteger drawn = new AtomicInteger();

    @BeforeEach
    void deploy() {
        driver = new ProcessDriver(engine, client);
        driver.deployAll();
        driver.worker("draw-expert", job -> Map.of("expertUser", "expert" + drawn.incrementAndGet()))
                .worker("aggregate-scores", GrantLifecycleProcessTest::aggregate)
                .worker("calculate-subsidy", Map.of("calculatedAmount", "600000.00", "capped", false));
    }

    ProcessInstanceEvent reviewed(String mode, long estimatedAmount, boolean auditByClause) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", CASE);
        variables.put("applicantUser", "applicant");
        variables.put("lastActor", "applicant");
        variables.put("auditRequired", auditByClause);
        variables.put("passScore", 60);
        variables.put("expertsPerCase", 3);
        variables.put("correctionPeriod", "P10D");
        variables.put("expertResponsePeriod", "P7D");
        variables.put("mode", mode);
        variables.put("estimatedAmount", estimatedAmount);
        ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("grant-lifecycle")
                .latestVersion().variables(variables).send().join();
        driver.run();
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        return instance;
    }

    void scoreAll(int score) {
        for (ActivatedJob job : driver.openUserTasks()) {
            if (job.getElementId().equals("UserTask_ExpertScore")) {
                client.newCompleteCommand(job.getKey()).variables(Map.of("outcome", "SCORE", "score", score,
                        "lastActor", job.getVariablesAsMap().get("expertUser"))).send().join();
            }
        }
        driver.run();
    }

    private void assertRow(int row, String ruleId) {
        var evaluated = driver.routes.get(driver.routes.size() - 1);
        assertThat(evaluated.getDecisionId()).isEqualTo("review-route");
        assertThat(evaluated.getEvaluatedDecisions().get(0).getMatchedRules())
                .extracting(r -> r.getRuleIndex(), r -> r.getRuleId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(row, ruleId));
    }

    @Test
    void shouldAuditWithTheRoundsPanelWhenTheClauseRequiresTheAudit() {
        // when the measure's clause requires the audit (row 1), however small the grant
        ProcessInstanceEvent instance = reviewed("POST_FUNDING", 100_000, true);
        scoreAll(61);
        driver.complete("UserTask_SpecialAudit", CASE, "auditor", "APPROVE");

        // then the round's three experts and pass score, and the audit
        assertRow(1, "Rule_AuditByClause");
        assertThat(driver.jobs("draw-expert")).hasSize(3);
        assertThat(instance).isCompleted().hasPassedElementsInOrder("BusinessRule_ReviewRoute",
                "ServiceTask_AggregateScores", "UserTask_SpecialAudit", "End_Calculated");
    }

    @Test
    void shouldDrawFiveExpertsRaiseThePassScoreAndAuditAMajorProject() {
        // when the applicant's figures give more than 100 million yuan (row 2) and the panel scores 65
        ProcessInstanceEvent instance = reviewed("POST_FUNDING", 150_000_000, false);
        assertThat(driver.jobs("draw-expert")).hasSize(5);
        scoreAll(65);

        // then 65 fails the route's pass score of 70, though the round's is 60
        assertRow(2, "Rule_MajorProject");
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("passScore")).isEqualTo(70);
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("UserTask_SpecialAudit");
    }

    @Test
    void shouldAuditPreFundingAboveFiftyMillion() {
        // when money is paid before results (事前资助) on an estimate of 60 million (row 3)
        ProcessInstanceEvent instance = reviewed("PRE_FUNDING", 60_000_000, false);
        scoreAll(80);
        driver.complete("UserTask_SpecialAudit", CASE, "auditor", "APPROVE");

        // then the round's panel, and the audit
        assertRow(3, "Rule_LargePreFunding");
        assertThat(driver.jobs("draw-expert")).hasSize(3);
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_SpecialAudit", "End_Calculated");
    }

    @Test
    void shouldReviewAnyOtherCaseWithTheRoundsPanelAndNoAudit() {
        // when nothing singles the case out (row 4): pre-funding of 50 million is not above the threshold
        ProcessInstanceEvent instance = reviewed("PRE_FUNDING", 50_000_000, false);
        scoreAll(60);

        // then three experts, the round's pass score of 60 is met, and no audit
        assertRow(4, "Rule_Default");
        assertThat(driver.jobs("draw-expert")).hasSize(3);
        assertThat(instance).isCompleted().hasPassedElement("End_Calculated").hasNotPassedElement("UserTask_SpecialAudit");
    }
}
