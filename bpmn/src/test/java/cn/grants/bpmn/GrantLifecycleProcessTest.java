package cn.grants.bpmn;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per path of grant-lifecycle.bpmn; elements are selected by id. */
@ZeebeProcessTest
class GrantLifecycleProcessTest {

    private ZeebeTestEngine engine;
    private ZeebeClient client;
    private LifecycleDriver driver;

    @BeforeEach
    void deploy() {
        driver = new LifecycleDriver(engine, client);
        driver.deploy();
    }

    @Test
    void shouldPayWhenEveryStepApprovesAndNoAuditIsRequired() {
        // given
        ProcessInstanceEvent instance = driver.start(false);

        // when
        driver.complete("UserTask_FormalCheck", "officer", "APPROVE");
        driver.complete("UserTask_ExpertReview", "expert1", "APPROVE", Map.of("score", 85));
        driver.calculate("60000000.00");
        driver.publicityPasses();
        driver.complete("UserTask_FinanceApproval", "finance", "APPROVE");
        driver.pay();

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Paid").hasNotPassedElement("UserTask_SpecialAudit")
                .hasPassedElementsInOrder("Event_NotifyPublicity", "ServiceTask_SchedulePublicity", "Event_PublicityPeriod");
        assertThat(driver.stages).containsExactly("FORMAL_CHECK", "EXPERT_REVIEW", "CALCULATION", "PUBLICITY",
                "FINANCE_APPROVAL", "PAYOUT", "PAID");
        assertThat(driver.actors).containsExactly("applicant", "officer", "expert1", "system", "system", "finance",
                "system");
    }

    @Test
    void shouldGoThroughSpecialAuditWhenTheMeasureRequiresIt() {
        // given
        ProcessInstanceEvent instance = driver.start(true);

        // when
        driver.complete("UserTask_FormalCheck", "officer", "APPROVE");
        driver.complete("UserTask_ExpertReview", "expert1", "APPROVE", Map.of("score", 70));
        driver.complete("UserTask_SpecialAudit", "auditor", "APPROVE");
        driver.calculate("300000.00");
        driver.publicityPasses();
        driver.complete("UserTask_FinanceApproval", "finance", "APPROVE");
        driver.pay();

        // then
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_ExpertReview", "UserTask_SpecialAudit",
                "ServiceTask_CalculateSubsidy", "End_Paid");
        assertThat(driver.stages).containsSubsequence("EXPERT_REVIEW", "SPECIAL_AUDIT", "CALCULATION", "PAID");
    }

    @Test
    void shouldEndWithReasonWhenFormalCheckRejects() {
        // given
        ProcessInstanceEvent instance = driver.start(false);

        // when
        driver.complete("UserTask_FormalCheck", "officer", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("UserTask_ExpertReview");
        assertThat(driver.stages).containsExactly("FORMAL_CHECK", "REJECTED");
        assertThat(driver.reasons.get(1)).isEqualTo("reason given by officer");
    }

    @Test
    void shouldReturnForCorrectionAndCheckAgainAfterResubmission() {
        // given
        ProcessInstanceEvent instance = driver.start(false);

        // when
        driver.complete("UserTask_FormalCheck", "officer", "RETURN");
        driver.complete("UserTask_Correction", "applicant", "RESUBMIT");
        ActivatedJob secondCheck = driver.userTask("UserTask_FormalCheck");

        // then
        assertThat(instance).isWaitingAtElements("UserTask_FormalCheck");
        assertThat(secondCheck.getCustomHeaders()).containsEntry("outcomes", "APPROVE,RETURN,REJECT");
        assertThat(driver.stages).containsExactly("FORMAL_CHECK", "CORRECTION", "FORMAL_CHECK");
    }

    @Test
    void shouldAssignTheCorrectionToTheApplicant() {
        // given
        driver.start(false);
        driver.complete("UserTask_FormalCheck", "officer", "RETURN");

        // when
        ActivatedJob correction = driver.userTask("UserTask_Correction");

        // then
        assertThat(correction.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "applicant");
    }

    @Test
    void shouldLapseWhenTheCorrectionIsNotMadeInTime() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.complete("UserTask_FormalCheck", "officer", "RETURN");
        driver.userTask("UserTask_Correction");

        // when
        engine.increaseTime(Duration.ofDays(11));
        driver.notifications();

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_CorrectionDeadline").hasPassedElement("End_Lapsed");
        assertThat(driver.stages).containsExactly("FORMAL_CHECK", "CORRECTION", "LAPSED");
        assertThat(driver.reasons.get(2)).contains("P10D");
    }

    @Test
    void shouldEndWhenTheApplicantWithdrawsInsteadOfCorrecting() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.complete("UserTask_FormalCheck", "officer", "RETURN");

        // when
        driver.complete("UserTask_Correction", "applicant", "WITHDRAW");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected");
        assertThat(driver.stages).containsExactly("FORMAL_CHECK", "CORRECTION", "REJECTED");
    }

    @Test
    void shouldRejectWhenTheExpertRejects() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.complete("UserTask_FormalCheck", "officer", "APPROVE");

        // when
        driver.complete("UserTask_ExpertReview", "expert1", "REJECT", Map.of("score", 90));

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("ServiceTask_CalculateSubsidy");
        assertThat(driver.reasons.get(2)).isEqualTo("reason given by expert1");
    }

    @Test
    void shouldRejectWhenTheScoreIsBelowThePassScore() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.complete("UserTask_FormalCheck", "officer", "APPROVE");

        // when
        driver.complete("UserTask_ExpertReview", "expert1", "APPROVE", Map.of("score", 59));

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected");
        assertThat(driver.reasons.get(2)).isEqualTo("expert score 59 is below the pass score 60");
    }

    @Test
    void shouldRejectWhenTheAuditRejects() {
        // given
        ProcessInstanceEvent instance = driver.start(true);
        driver.passReview(75);

        // when
        driver.complete("UserTask_SpecialAudit", "auditor", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("ServiceTask_CalculateSubsidy");
    }

    @Test
    void shouldRejectWhenTheCalculationFindsTheCaseNotEligible() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.passReview(75);

        // when
        ActivatedJob calculation = driver.serviceJob("calculate-subsidy");
        client.newThrowErrorCommand(calculation).errorCode("NOT_ELIGIBLE").errorMessage("no cash grant")
                .variables(Map.of("rejectionReason", "no cash grant", "lastActor", "system")).send().join();
        driver.notifications();

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_NotEligible").hasPassedElement("End_Rejected")
                .hasNotPassedElement("Event_PublicityPeriod");
        assertThat(driver.reasons.get(driver.reasons.size() - 1)).isEqualTo("no cash grant");
    }

    @Test
    void shouldWaitForThePublicityPeriodBeforeFinanceApproval() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.passReview(75);

        // when
        driver.calculate("100.00");
        driver.schedulePublicity();

        // then
        assertThat(instance).isWaitingAtElements("Event_PublicityPeriod");
        engine.increaseTime(Duration.ofMinutes(2));
        driver.idle();
        driver.notifications();
        assertThat(instance).isWaitingAtElements("UserTask_FinanceApproval");
    }

    @Test
    void shouldRejectWhenFinanceDoesNotApprove() {
        // given
        ProcessInstanceEvent instance = driver.start(false);
        driver.passReview(75);
        driver.calculate("100.00");
        driver.publicityPasses();

        // when
        driver.complete("UserTask_FinanceApproval", "finance", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("ServiceTask_ExecutePayout");
    }
}
