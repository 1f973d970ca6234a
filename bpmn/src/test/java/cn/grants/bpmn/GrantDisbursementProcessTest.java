package cn.grants.bpmn;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per path of grant-disbursement.bpmn: one-off, yearly, milestone, matching, limits, clawback. */
@ZeebeProcessTest
class GrantDisbursementProcessTest {

    static final String CASE = "00000000-0000-0000-0000-0000000000d1";

    private ZeebeTestEngine engine;
    private ZeebeClient client;
    private ProcessDriver driver;
    private final List<Map<String, Object>> tranches = new ArrayList<>();
    private String clawbackAmount = "0.00";

    @BeforeEach
    void deploy() {
        driver = new ProcessDriver(engine, client);
        driver.deployAll();
        driver.worker("plan-tranches", job -> Map.of("tranches", tranches))
                .worker("execute-payout", Map.of())
                .worker("assess-clawback", job -> Map.of("clawbackAmount", clawbackAmount));
    }

    static Map<String, Object> tranche(int number, String kind, String amount, OffsetDateTime due) {
        Map<String, Object> t = new HashMap<>();
        t.put("number", number);
        t.put("kind", kind);
        t.put("amount", amount);
        t.put("due", due == null ? null : due.toString());
        return t;
    }

    ProcessInstanceEvent start() {
        ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("grant-disbursement")
                .latestVersion().variables(Map.of("caseId", CASE, "applicantUser", "applicant", "lastActor", "system"))
                .send().join();
        driver.run();
        return instance;
    }

    void approve(String user) {
        driver.complete("UserTask_FinanceApproval", CASE, user, "APPROVE", Map.of("secondApprovalRequired", false));
    }

    List<Object> paidTranches() {
        return driver.jobs("execute-payout").stream().map(j -> j.getVariablesAsMap().get("tranche")).toList();
    }

    @Test
    void shouldPayAOneOffAwardInOneTranche() {
        // given
        tranches.add(tranche(1, "ONE_OFF", "600000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        ActivatedJob task = driver.userTask("UserTask_FinanceApproval", CASE);
        approve("finance");

        // then
        assertThat(task.getVariablesAsMap()).containsEntry("trancheAmount", "600000.00").containsEntry("trancheNumber", 1);
        assertThat(instance).isCompleted().hasPassedElement("End_Paid");
        assertThat(paidTranches()).containsExactly(1);
        assertThat(driver.jobs("execute-payout").get(0).getVariablesAsMap()).containsEntry("trancheAmount", "600000.00");
        ProcessDriver.assertStages(driver, CASE, "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID", "PAID");
    }

    @Test
    void shouldGiveFinanceARepairTaskWhenThePayoutFailsTechnicallyAndPayOnceOnRetry() {
        // given an approved tranche whose payout's last retry fails on a technical fault
        tranches.add(tranche(1, "ONE_OFF", "600000.00", null));
        driver.failsOnceTechnically("execute-payout", Map.of());
        ProcessInstanceEvent instance = start();
        approve("finance");
        ActivatedJob repair = driver.userTask("UserTask_RepairExecutePayout", CASE);
        assertThat(repair.getCustomHeaders()).containsEntry("outcomes", "RETRY").containsEntry("form", "repair");
        assertThat(repair.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"finance\"]");
        assertThat(repair.getVariablesAsMap()).containsEntry("failedJobType", "execute-payout");
        assertThat(instance).isWaitingAtElements("UserTask_RepairExecutePayout").hasNoIncidents();

        // when finance retries once the bank interface is back
        driver.complete("UserTask_RepairExecutePayout", CASE, "finance", "RETRY");

        // then the tranche is paid by the second run, without a second approval
        assertThat(instance).isCompleted().hasNoIncidents().hasPassedElement("Event_ExecutePayoutFailed")
                .hasPassedElement("End_Paid");
        assertThat(paidTranches()).containsExactly(1, 1);
        assertThat(driver.openUserTasks()).noneMatch(j -> j.getElementId().equals("UserTask_FinanceApproval"));
        ProcessDriver.assertStages(driver, CASE, "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID", "PAID");
    }

    @Test
    void shouldPayEachYearlyTrancheOnlyWhenItFallsDue() {
        // given
        OffsetDateTime now = OffsetDateTime.now();
        tranches.add(tranche(1, "YEARLY", "15000000.00", now));
        tranches.add(tranche(2, "YEARLY", "15000000.00", now.plusYears(1)));
        tranches.add(tranche(3, "YEARLY", "6000000.00", now.plusYears(2)));
        ProcessInstanceEvent instance = start();

        // when: the first year's tranche
        approve("finance");

        // then: the second waits for its date
        assertThat(paidTranches()).containsExactly(1);
        assertThat(instance).isWaitingAtElements("Event_TrancheDue");
        driver.advance(Duration.ofDays(366));
        approve("finance");
        assertThat(paidTranches()).containsExactly(1, 2);
        driver.advance(Duration.ofDays(366));
        approve("finance");
        assertThat(paidTranches()).containsExactly(1, 2, 3);
        assertThat(instance).isCompleted().hasPassedElement("End_Paid").hasPassedElement("Event_TrancheDue", 3);
    }

    @Test
    void shouldReleaseAMilestoneTrancheOnlyAfterTheOfficerAcceptsTheEvidence() {
        // given
        tranches.add(tranche(1, "ONE_OFF", "300000.00", null));
        tranches.add(tranche(2, "MILESTONE", "700000.00", null));
        ProcessInstanceEvent instance = start();
        approve("finance");

        // when
        assertThat(driver.count("UserTask_FinanceApproval")).isZero();
        driver.complete("UserTask_AcceptMilestone", CASE, "officer", "ACCEPT");
        approve("finance");

        // then
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_AcceptMilestone", "End_Paid");
        assertThat(paidTranches()).containsExactly(1, 2);
        assertThat(driver.stages(CASE)).containsSubsequence("TRANCHE_PAID", "MILESTONE_REVIEW", "FINANCE_APPROVAL", "PAID");
    }

    @Test
    void shouldClawBackThePaidTranchesWhenAMilestoneFails() {
        // given
        tranches.add(tranche(1, "ONE_OFF", "300000.00", null));
        tranches.add(tranche(2, "MILESTONE", "700000.00", null));
        clawbackAmount = "300000.00";
        ProcessInstanceEvent instance = start();
        approve("finance");

        // when
        driver.complete("UserTask_AcceptMilestone", CASE, "officer", "REJECT", Map.of("comment", "line not commissioned"));
        driver.complete("UserTask_ConfirmRecovery", CASE, "finance", "RECOVERED");

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_ConditionFailed").hasPassedElement("End_ClawedBack");
        assertThat(paidTranches()).containsExactly(1);
        assertThat(driver.stages(CASE)).endsWith("MILESTONE_REVIEW", "CLAWBACK", "CLAWED_BACK");
        assertThat(driver.notices).filteredOn(n -> n.stage().equals("CLAWBACK")).extracting(ProcessDriver.Notice::reason)
                .containsExactly("里程碑未通过验收 milestone not accepted: line not commissioned");
    }

    @Test
    void shouldPayEachStageOfARaceOnlyAfterItsStageReviewLetsTheCompetitorGoOn() {
        // given a race (赛马) the round splits in three stages; the first is paid with the plan
        tranches.add(tranche(1, "ONE_OFF", "400000.00", null));
        tranches.add(tranche(2, "STAGE", "300000.00", null));
        tranches.add(tranche(3, "STAGE", "300000.00", null));
        ProcessInstanceEvent instance = start();
        approve("finance");

        // when each stage review lets it go on
        assertThat(driver.count("UserTask_FinanceApproval")).isZero();
        ActivatedJob review = driver.userTask("UserTask_StageReview", CASE);
        assertThat(review.getCustomHeaders()).containsEntry("form", "stage-review").containsEntry("outcomes", "CONTINUE,STOP");
        assertThat(review.getVariablesAsMap()).containsEntry("trancheNumber", 2).containsEntry("trancheAmount", "300000.00");
        driver.complete("UserTask_StageReview", CASE, "officer", "CONTINUE");
        approve("finance");
        driver.complete("UserTask_StageReview", CASE, "officer", "CONTINUE");
        approve("finance");

        // then every stage is paid, each after its review
        assertThat(instance).isCompleted().hasPassedElement("UserTask_StageReview", 2).hasPassedElement("End_Paid");
        assertThat(paidTranches()).containsExactly(1, 2, 3);
        assertThat(driver.stages(CASE)).containsSubsequence("TRANCHE_PAID", "STAGE_REVIEW", "FINANCE_APPROVAL",
                "TRANCHE_PAID", "STAGE_REVIEW", "FINANCE_APPROVAL", "PAID");
    }

    @Test
    void shouldStopACompetitorAtAStageReviewWithoutClawingBackTheStagesPaid() {
        // given a race whose first two stages were paid
        tranches.add(tranche(1, "ONE_OFF", "400000.00", null));
        tranches.add(tranche(2, "STAGE", "300000.00", null));
        tranches.add(tranche(3, "STAGE", "300000.00", null));
        ProcessInstanceEvent instance = start();
        approve("finance");
        driver.complete("UserTask_StageReview", CASE, "officer", "CONTINUE");
        approve("finance");

        // when the third stage's review stops it
        driver.complete("UserTask_StageReview", CASE, "officer", "STOP", Map.of("comment", "样机指标落后于其他团队"));

        // then the case ends STOPPED: no clawback, no further payout
        assertThat(instance).isCompleted().hasPassedElement("Event_StageStopped").hasPassedElement("End_CompetitionStopped")
                .hasNotPassedElement("ServiceTask_AssessClawback").hasNotPassedElement("End_Paid");
        assertThat(paidTranches()).containsExactly(1, 2);
        assertThat(driver.stages(CASE)).endsWith("STAGE_REVIEW", "STOPPED");
        assertThat(driver.notices).filteredOn(n -> n.stage().equals("STOPPED")).extracting(ProcessDriver.Notice::reason)
                .containsExactly("阶段评审未继续 stopped at the stage review: 样机指标落后于其他团队");
    }

    @Test
    void shouldStopWithoutClawbackWhenNothingWasPaidYet() {
        // given
        tranches.add(tranche(1, "MILESTONE", "500000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        driver.complete("UserTask_AcceptMilestone", CASE, "officer", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Stopped").hasNotPassedElement("UserTask_ConfirmRecovery");
        assertThat(paidTranches()).isEmpty();
    }

    @Test
    void shouldPayAMatchingAwardOnlyAfterTheSuperiorFundsAreEvidenced() {
        // given
        tranches.add(tranche(1, "MATCHING", "2000000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        assertThat(driver.count("UserTask_FinanceApproval")).isZero();
        driver.complete("UserTask_VerifyMatching", CASE, "officer", "ACCEPT");
        approve("finance");

        // then
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_VerifyMatching", "UserTask_FinanceApproval", "End_Paid");
        assertThat(driver.stages(CASE)).startsWith("MATCHING_REVIEW");
    }

    @Test
    void shouldStopWhenTheSuperiorFundsAreNotEvidenced() {
        // given
        tranches.add(tranche(1, "MATCHING", "2000000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        driver.complete("UserTask_VerifyMatching", CASE, "officer", "REJECT", Map.of("comment", "no national grant letter"));

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_ConditionFailed").hasPassedElement("End_Stopped");
        assertThat(driver.notices.get(driver.notices.size() - 1).reason()).contains("superior funds not evidenced");
    }

    @Test
    void shouldAskASecondApproverAboveTheFirstApproversLimit() {
        // given
        tranches.add(tranche(1, "ONE_OFF", "60000000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        driver.complete("UserTask_FinanceApproval", CASE, "finance", "APPROVE", Map.of("secondApprovalRequired", true));
        ActivatedJob second = driver.userTask("UserTask_SecondApproval", CASE);
        assertThat(paidTranches()).isEmpty();
        driver.complete("UserTask_SecondApproval", CASE, "finance2", "APPROVE");

        // then
        assertThat(second.getVariablesAsMap()).containsEntry("firstApprover", "finance");
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_FinanceApproval", "UserTask_SecondApproval",
                "ServiceTask_ExecutePayout", "End_Paid");
    }

    @Test
    void shouldStopWhenFinanceRefusesThePayout() {
        // given
        tranches.add(tranche(1, "ONE_OFF", "600000.00", null));
        ProcessInstanceEvent instance = start();

        // when
        driver.complete("UserTask_FinanceApproval", CASE, "finance", "REJECT", Map.of("comment", "payee account closed"));

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_PayoutRefused").hasPassedElement("End_Stopped");
        assertThat(paidTranches()).isEmpty();
        assertThat(driver.notices.get(driver.notices.size() - 1).reason()).isEqualTo("拨付未获批准 payout refused: payee account closed");
    }

    @Test
    void shouldNotRunThePayoutStepTwiceWhenItsJobIsCompletedTwice() {
        // given: the payout job handed to a worker that completes it, then a duplicate completion arrives
        tranches.add(tranche(1, "ONE_OFF", "600000.00", null));
        driver.worker("execute-payout", job -> {
            client.newCompleteCommand(job).send().join();
            return Map.of();
        });
        ProcessInstanceEvent instance = start();

        // when
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> approve("finance"))
                .hasMessageContaining("NOT_FOUND");

        // then
        driver.run();
        assertThat(instance).isCompleted().hasPassedElement("ServiceTask_ExecutePayout", 1).hasPassedElement("End_Paid");
    }
}
