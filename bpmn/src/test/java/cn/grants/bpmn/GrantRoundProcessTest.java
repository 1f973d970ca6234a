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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per path of grant-round.bpmn: window, case reviews, batch decision, publicity with objections, plan. */
@ZeebeProcessTest
class GrantRoundProcessTest {

    static final String ROUND = "R-2026-01";
    static final String A = "00000000-0000-0000-0000-00000000000a";
    static final String B = "00000000-0000-0000-0000-00000000000b";

    private ZeebeTestEngine engine;
    private ZeebeClient client;
    private ProcessDriver driver;
    private final AtomicInteger drawn = new AtomicInteger();
    private final AtomicBoolean reviewsComplete = new AtomicBoolean(true);
    private final AtomicBoolean oversubscribed = new AtomicBoolean(false);
    private final List<String> listed = new ArrayList<>(List.of(A, B));

    @BeforeEach
    void deploy() {
        driver = new ProcessDriver(engine, client);
        driver.deployAll();
        driver.worker("draw-expert", job -> Map.of("expertUser", "expert" + drawn.incrementAndGet()))
                .worker("aggregate-scores", GrantLifecycleProcessTest::aggregate)
                .worker("calculate-subsidy", Map.of("calculatedAmount", "600000.00", "capped", false))
                .worker("close-round-intake", Map.of())
                .worker("check-round-reviews", job -> Map.of("reviewsComplete", reviewsComplete.get()))
                .worker("plan-batch", job -> Map.of("oversubscribed", oversubscribed.get()))
                .worker("commit-batch", job -> Map.of("listedCases", listed))
                .worker("schedule-publicity", job -> Map.of("publicityEnds", OffsetDateTime.now().plusDays(9).toString()))
                .worker("issue-funding-plan", Map.of())
                .worker("withdraw-award", Map.of())
                .worker("plan-tranches", job -> Map.of("tranches", List.of(Map.of("number", 1, "kind", "ONE_OFF",
                        "amount", "600000.00"))))
                .worker("execute-payout", Map.of())
                .worker("close-round", Map.of());
    }

    ProcessInstanceEvent open() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("roundId", ROUND);
        variables.put("windowCloses", OffsetDateTime.now().plusDays(1).toString());
        variables.put("reviewPoll", "PT1H");
        variables.put("expertsPerCase", 3);
        variables.put("passScore", 60);
        variables.put("correctionPeriod", "P10D");
        variables.put("expertResponsePeriod", "P7D");
        ProcessInstanceEvent round = client.newCreateInstanceCommand().bpmnProcessId("grant-round").latestVersion()
                .variables(variables).send().join();
        driver.run();
        return round;
    }

    void apply(String caseId, String applicant) {
        client.newPublishMessageCommand().messageName("application-submitted").correlationKey(ROUND)
                .variables(Map.of("caseId", caseId, "applicantUser", applicant, "auditRequired", false,
                        "lastActor", applicant))
                .send().join();
        driver.run();
    }

    void review(String caseId) {
        driver.complete("UserTask_FormalCheck", caseId, "officer", "APPROVE");
        for (ActivatedJob job : driver.openUserTasks()) {
            if (job.getElementId().equals("UserTask_ExpertScore") && caseId.equals(job.getVariablesAsMap().get("caseId"))) {
                client.newCompleteCommand(job.getKey()).variables(Map.of("outcome", "SCORE", "score", 80)).send().join();
            }
        }
        driver.run();
    }

    void closeWindowAndDecide() {
        driver.advance(Duration.ofDays(2));
    }

    void objection(String caseId) {
        client.newPublishMessageCommand().messageName("objection-filed").correlationKey(caseId)
                .variables(Map.of("objectionId", "obj-1", "objectionType", "COMPLAINT")).send().join();
        driver.run();
    }

    void approvePayout(String caseId) {
        driver.complete("UserTask_FinanceApproval", caseId, "finance", "APPROVE", Map.of("secondApprovalRequired", false));
    }

    @Test
    void shouldRunEachApplicationAsItsOwnCaseReview() {
        // given
        ProcessInstanceEvent round = open();

        // when
        apply(A, "applicantA");
        apply(B, "applicantB");

        // then: each case review got its own application's variables
        assertThat(driver.userTask("UserTask_FormalCheck", A).getVariablesAsMap()).containsEntry("applicantUser", "applicantA");
        assertThat(driver.userTask("UserTask_FormalCheck", B).getVariablesAsMap()).containsEntry("applicantUser", "applicantB");
        assertThat(round).isActive().hasPassedElement("StartEvent_ApplicationSubmitted", 2)
                .isWaitingAtElements("Event_WindowClosed");
    }

    @Test
    void shouldDecideTheBatchPublishAndPayAfterTheWindowCloses() {
        // given
        ProcessInstanceEvent round = open();
        apply(A, "applicantA");
        apply(B, "applicantB");
        review(A);
        review(B);

        // when
        closeWindowAndDecide();
        driver.advance(Duration.ofDays(10));
        approvePayout(A);
        approvePayout(B);

        // then
        assertThat(round).isCompleted().hasPassedElementsInOrder("Event_WindowClosed", "ServiceTask_CloseIntake",
                "ServiceTask_CheckReviews", "ServiceTask_PlanBatch", "ServiceTask_CommitBatch",
                "ServiceTask_SchedulePublicity", "ServiceTask_CloseRound", "End_RoundClosed")
                .hasNotPassedElement("UserTask_ConfirmCut");
        ProcessDriver.assertStages(driver, A, "FORMAL_CHECK", "EXPERT_REVIEW", "CALCULATION", "AWAITING_BATCH",
                "PUBLICITY", "FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID", "PAID");
        assertThat(driver.jobs("execute-payout")).extracting(j -> j.getVariablesAsMap().get("caseId"))
                .containsExactlyInAnyOrder(A, B);
    }

    @Test
    void shouldGiveAnOfficerARepairTaskWhenTheBatchDecisionFailsTechnicallyAndCommitItOnRetry() {
        // given a batch decision whose last retry fails on a technical fault
        driver.failsOnceTechnically("commit-batch", Map.of("listedCases", listed));
        ProcessInstanceEvent round = open();
        apply(A, "applicantA");
        apply(B, "applicantB");
        review(A);
        review(B);
        closeWindowAndDecide();
        ActivatedJob repair = driver.userTask("UserTask_RepairCommitBatch", null);
        assertThat(repair.getCustomHeaders()).containsEntry("outcomes", "RETRY").containsEntry("form", "repair");
        assertThat(repair.getVariablesAsMap()).containsEntry("failedJobType", "commit-batch")
                .containsEntry("technicalError", "ConnectException: connection refused")
                .containsEntry("failureId", "00000000-0000-0000-0000-0000000000f1");
        assertThat(round).isWaitingAtElements("UserTask_RepairCommitBatch").hasNoIncidents();

        // when the officer has fixed the cause and retries
        driver.complete("UserTask_RepairCommitBatch", null, "officer", "RETRY");
        driver.advance(Duration.ofDays(10));
        approvePayout(A);
        approvePayout(B);

        // then the batch was decided on the second run and the round went on as usual
        assertThat(round).isCompleted().hasNoIncidents().hasPassedElement("Event_CommitBatchFailed")
                .hasPassedElement("UserTask_RepairCommitBatch").hasPassedElement("ServiceTask_CommitBatch", 1)
                .hasPassedElementsInOrder("UserTask_RepairCommitBatch", "ServiceTask_SchedulePublicity",
                        "End_RoundClosed");
        assertThat(driver.jobs("commit-batch")).hasSize(2);
        assertThat(driver.jobs("execute-payout")).hasSize(2);
    }

    @Test
    void shouldWaitUntilEveryCaseHasLeftReview() {
        // given
        ProcessInstanceEvent round = open();
        apply(A, "applicantA");
        reviewsComplete.set(false);

        // when
        closeWindowAndDecide();
        driver.advance(Duration.ofHours(1));

        // then
        assertThat(driver.jobs("check-round-reviews")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.jobs("plan-batch")).isEmpty();
        reviewsComplete.set(true);
        review(A);
        driver.advance(Duration.ofHours(1));
        assertThat(driver.jobs("plan-batch")).hasSize(1);
        assertThat(round).hasPassedElement("Event_ReviewPoll", driver.jobs("check-round-reviews").size() - 1);
    }

    @Test
    void shouldAskAnOfficerToConfirmTheProRataCutWhenOversubscribed() {
        // given
        open();
        apply(A, "applicantA");
        review(A);
        oversubscribed.set(true);
        listed.remove(B);

        // when
        closeWindowAndDecide();
        ActivatedJob confirm = driver.userTask("UserTask_ConfirmCut", null);
        driver.complete("UserTask_ConfirmCut", null, "officer", "CONFIRM");

        // then
        assertThat(confirm.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"officer\"]");
        assertThat(driver.jobs("commit-batch")).hasSize(1);
        assertThat(driver.stages(A)).endsWith("PUBLICITY");
    }

    @Test
    void shouldHoldOnlyTheObjectedCaseAndWithdrawItsAwardWhenUpheld() {
        // given
        ProcessInstanceEvent round = open();
        apply(A, "applicantA");
        apply(B, "applicantB");
        review(A);
        review(B);
        closeWindowAndDecide();

        // when
        objection(A);
        driver.advance(Duration.ofDays(10));

        // then: B goes on to the funding plan while A waits for the investigation
        assertThat(driver.stages(B)).contains("FUNDING_PLAN", "FINANCE_APPROVAL");
        assertThat(driver.stages(A)).endsWith("PUBLICITY", "ON_HOLD");
        driver.complete("UserTask_InvestigateObjection", A, "officer", "UPHOLD", Map.of("comment", "named complaint verified"));
        assertThat(driver.stages(A)).endsWith("ON_HOLD", "REJECTED");
        assertThat(driver.notices.get(driver.notices.size() - 1).reason()).contains("objection upheld: named complaint verified");
        assertThat(driver.jobs("withdraw-award")).extracting(j -> j.getVariablesAsMap().get("caseId")).containsExactly(A);
        approvePayout(B);
        assertThat(round).isCompleted().hasPassedElement("End_AwardWithdrawn").hasPassedElement("End_CaseDisbursed");
    }

    @Test
    void shouldResumeThePublicityWhenTheObjectionIsDismissed() {
        // given
        ProcessInstanceEvent round = open();
        apply(A, "applicantA");
        review(A);
        listed.remove(B);
        closeWindowAndDecide();
        objection(A);

        // when
        driver.complete("UserTask_InvestigateObjection", A, "officer", "DISMISS", Map.of("comment", "not substantiated"));
        driver.advance(Duration.ofDays(10));
        approvePayout(A);

        // then
        assertThat(round).isCompleted().hasPassedElement("Event_NotifyResumed").hasNotPassedElement("ServiceTask_WithdrawAward");
        assertThat(driver.stages(A)).containsSubsequence("PUBLICITY", "ON_HOLD", "PUBLICITY", "FUNDING_PLAN", "PAID");
    }

    static final String C = "00000000-0000-0000-0000-00000000000c";

    /** A round re-created after an engine restart: started before the given element, with extra variables. */
    ProcessInstanceEvent resume(String elementId, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("roundId", ROUND);
        variables.put("windowCloses", OffsetDateTime.now().minusDays(1).toString());
        variables.put("reviewPoll", "PT1H");
        variables.put("expertsPerCase", 3);
        variables.put("passScore", 60);
        variables.put("correctionPeriod", "P10D");
        variables.put("expertResponsePeriod", "P7D");
        variables.put("lastActor", "system");
        variables.putAll(extra);
        ProcessInstanceEvent round = client.newCreateInstanceCommand().bpmnProcessId("grant-round").latestVersion()
                .variables(variables).startBeforeElement(elementId).send().join();
        driver.run();
        return round;
    }

    static Map<String, Object> at(String where, String objectionId) {
        Map<String, Object> at = new HashMap<>();
        at.put("at", where);
        at.put("objectionId", objectionId);
        at.put("objectionType", objectionId == null ? null : "COMPLAINT");
        return at;
    }

    @Test
    void shouldResumeListedCasesInTheirPublicityInvestigationAndDisbursementAfterARestart() {
        // given the round's cases as the database keeps them: A in publicity, B on hold, C awaiting finance
        Map<String, Object> resume = Map.of(A, at("PUBLICITY", null), B, at("ON_HOLD", "obj-7"),
                C, at("DISBURSEMENT", null));

        // when the round is re-created in its publicity, which ends tomorrow
        ProcessInstanceEvent round = resume("SubProcess_CasePublicity", Map.of("listedCases", List.of(A, B, C),
                "resume", resume, "publicityEnds", OffsetDateTime.now().plusDays(1).toString()));

        // then B's objection is investigated, C's disbursement goes on, A waits for the end of its publicity
        assertThat(driver.userTask("UserTask_InvestigateObjection", B).getVariablesAsMap())
                .containsEntry("objectionId", "obj-7").containsEntry("objectionType", "COMPLAINT");
        assertThat(driver.userTask("UserTask_FinanceApproval", C)).isNotNull();
        assertThat(driver.stages(A)).isEmpty();
        assertThat(driver.stages(B)).isEmpty();
        driver.complete("UserTask_InvestigateObjection", B, "officer", "DISMISS", Map.of("comment", "not substantiated"));
        driver.advance(Duration.ofDays(2));
        approvePayout(A);
        approvePayout(B);
        approvePayout(C);
        assertThat(round).isCompleted().hasPassedElement("ServiceTask_CloseRound").hasNotPassedElement("Event_NotifyPublicity")
                .hasNotPassedElement("Event_NotifyOnHold");
        assertThat(driver.stages(A)).containsExactly("FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID", "PAID");
        assertThat(driver.stages(B)).startsWith("PUBLICITY", "FUNDING_PLAN").endsWith("PAID");
        assertThat(driver.stages(C)).startsWith("FINANCE_APPROVAL").endsWith("PAID");
        assertThat(driver.jobs("issue-funding-plan")).extracting(j -> j.getVariablesAsMap().get("caseId"))
                .containsExactlyInAnyOrder(A, B);
    }

    @Test
    void shouldEndAResumedPublicityAtOnceWhenItEndedWhileTheSystemWasDown() {
        // when a round is re-created in a publicity that ended an hour ago
        ProcessInstanceEvent round = resume("SubProcess_CasePublicity", Map.of("listedCases", List.of(A),
                "resume", Map.of(A, at("PUBLICITY", null)), "publicityEnds", OffsetDateTime.now().minusHours(1).toString()));

        // then the case is listed in the funding plan at once
        assertThat(driver.userTask("UserTask_FinanceApproval", A)).isNotNull();
        approvePayout(A);
        assertThat(round).isCompleted();
        assertThat(driver.stages(A)).containsExactly("FUNDING_PLAN", "FINANCE_APPROVAL", "PAYOUT", "TRANCHE_PAID", "PAID");
    }

    @Test
    void shouldCloseTheWindowAtOnceWhenItClosedWhileTheSystemWasDown() {
        // when a round whose window closed during the downtime is re-created waiting for it
        ProcessInstanceEvent round = resume("Event_WindowClosed", Map.of());
        driver.advance(Duration.ofSeconds(1));

        // then it closes the intake and decides the batch; new applications would still start their review
        assertThat(round).hasPassedElementsInOrder("Event_WindowClosed", "ServiceTask_CloseIntake",
                "ServiceTask_CheckReviews", "ServiceTask_PlanBatch", "ServiceTask_CommitBatch");
    }

    @Test
    void shouldResumeARoundAtTheCutConfirmation() {
        // when a round waiting for the officer's cut confirmation is re-created
        ProcessInstanceEvent round = resume("UserTask_ConfirmCut", Map.of());
        listed.remove(B);

        // then the officer confirms and the batch is committed once
        driver.complete("UserTask_ConfirmCut", null, "officer", "CONFIRM");
        assertThat(driver.jobs("commit-batch")).hasSize(1);
        assertThat(driver.jobs("plan-batch")).isEmpty();
        assertThat(round).isActive().hasPassedElement("ServiceTask_SchedulePublicity");
    }

    @Test
    void shouldCloseAResumedRoundWhoseCasesAllLeftIt() {
        // when a round in publicity is re-created with no case still in it
        ProcessInstanceEvent round = resume("SubProcess_CasePublicity", Map.of("listedCases", List.of(),
                "resume", Map.of(), "publicityEnds", OffsetDateTime.now().plusDays(1).toString()));

        // then it closes
        assertThat(round).isCompleted().hasPassedElement("ServiceTask_CloseRound");
    }
}
