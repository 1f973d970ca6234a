package cn.grants.bpmn;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per path of grant-lifecycle.bpmn (the case review a round calls per application); elements by id. */
@ZeebeProcessTest
class GrantLifecycleProcessTest {

    static final String CASE = "00000000-0000-0000-0000-000000000001";

    private ZeebeTestEngine engine;
    private ZeebeClient client;
    private ProcessDriver driver;
    private final AtomicInteger drawn = new AtomicInteger();

    @BeforeEach
    void deploy() {
        driver = new ProcessDriver(engine, client);
        driver.deployAll();
        driver.worker("draw-expert", job -> Map.of("expertUser", "expert" + drawn.incrementAndGet()))
                .worker("release-expert", job -> Map.of("attempt", ((Number) job.getVariablesAsMap().get("attempt")).intValue() + 1))
                .worker("aggregate-scores", GrantLifecycleProcessTest::aggregate)
                .worker("calculate-subsidy", Map.of("calculatedAmount", "600000.00", "capped", false));
    }

    /** The aggregate-scores worker's part: the mean against the pass score. */
    static Map<String, Object> aggregate(ActivatedJob job) {
        Map<String, Object> v = job.getVariablesAsMap();
        List<?> scores = (List<?>) v.get("scores");
        // a slot dropped (pool exhausted and the panel lowered, or a failed draw skipped) has no score
        List<BigDecimal> given = scores.stream().filter(java.util.Objects::nonNull).map(s -> new BigDecimal(s.toString())).toList();
        BigDecimal sum = given.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(given.size()), 2, RoundingMode.HALF_UP);
        // the pass score of the case's review route (the worker reads the one recorded with it)
        Object pass = v.get("passScore");
        boolean passed = mean.compareTo(new BigDecimal(pass.toString())) >= 0;
        Map<String, Object> out = new HashMap<>();
        out.put("reviewScore", mean.toPlainString());
        out.put("reviewPassed", passed);
        out.put("rejectionReason", passed ? null : "review score " + mean + " is below the pass score");
        out.put("lastActor", "system");
        return out;
    }

    ProcessInstanceEvent start(boolean auditRequired, int experts) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", CASE);
        variables.put("applicantUser", "applicant");
        variables.put("lastActor", "applicant");
        variables.put("auditRequired", auditRequired);
        variables.put("passScore", 60);
        variables.put("correctionPeriod", "P10D");
        variables.put("expertsPerCase", experts);
        variables.put("expertResponsePeriod", "P7D");
        ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("grant-lifecycle")
                .latestVersion().variables(variables).send().join();
        driver.run();
        return instance;
    }

    void scoreAll(int score) {
        for (ActivatedJob job : driver.openUserTasks()) {
            if (job.getElementId().equals("UserTask_ExpertScore")) {
                client.newCompleteCommand(job.getKey())
                        .variables(Map.of("outcome", "SCORE", "score", score, "lastActor", job.getVariablesAsMap().get("expertUser")))
                        .send().join();
            }
        }
        driver.run();
    }

    @Test
    void shouldAwaitTheBatchDecisionWhenApprovedScoredAndNoAuditIsRequired() {
        // given
        ProcessInstanceEvent instance = start(false, 3);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(80);

        // then
        assertThat(instance).isCompleted().hasPassedElementsInOrder("UserTask_FormalCheck",
                "ServiceTask_AggregateScores", "ServiceTask_CalculateSubsidy", "End_Calculated")
                .hasNotPassedElement("UserTask_SpecialAudit");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "EXPERT_REVIEW", "CALCULATION", "AWAITING_BATCH");
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("scores"))
                .isEqualTo(List.of(80, 80, 80));
    }

    @Test
    void shouldDrawOneExpertPerSlotAndGiveEachHisOwnTask() {
        // given
        start(false, 5);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // then
        List<ActivatedJob> draws = driver.jobs("draw-expert");
        assertThat(draws).extracting(j -> j.getVariablesAsMap().get("slot")).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(draws).extracting(j -> j.getVariablesAsMap().get("attempt")).containsOnly(1);
        assertThat(driver.openUserTasks()).filteredOn(j -> j.getElementId().equals("UserTask_ExpertScore"))
                .extracting(j -> j.getCustomHeaders().get("io.camunda.zeebe:assignee"))
                .containsExactlyInAnyOrder("expert1", "expert2", "expert3", "expert4", "expert5");
    }

    @Test
    void shouldGoThroughSpecialAuditWhenTheMeasureRequiresIt() {
        // given
        ProcessInstanceEvent instance = start(true, 3);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(70);
        driver.complete("UserTask_SpecialAudit", CASE, "auditor", "APPROVE");

        // then
        assertThat(instance).isCompleted().hasPassedElementsInOrder("ServiceTask_AggregateScores", "UserTask_SpecialAudit",
                "ServiceTask_CalculateSubsidy", "End_Calculated");
        assertThat(driver.stages(CASE)).containsSubsequence("EXPERT_REVIEW", "SPECIAL_AUDIT", "CALCULATION", "AWAITING_BATCH");
    }

    @Test
    void shouldLoopThroughCorrectionAndBackToFormalCheck() {
        // given
        ProcessInstanceEvent instance = start(false, 3);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "RETURN");
        ActivatedJob correction = driver.userTask("UserTask_Correction", CASE);
        driver.complete("UserTask_Correction", CASE, "applicant", "RESUBMIT");
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(90);

        // then
        assertThat(correction.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "applicant");
        assertThat(driver.notices.get(1).reason()).as("what to correct").isEqualTo("reason given by officer");
        assertThat(instance).isCompleted().hasPassedElement("End_Calculated");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "CORRECTION", "FORMAL_CHECK", "EXPERT_REVIEW",
                "CALCULATION", "AWAITING_BATCH");
    }

    @Test
    void shouldLapseWhenTheCorrectionIsNotMadeInTime() {
        // given
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "RETURN");

        // when
        driver.advance(Duration.ofDays(11));

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_CorrectionDeadline").hasPassedElement("End_Lapsed");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "CORRECTION", "LAPSED");
        assertThat(driver.notices.get(2).reason()).contains("P10D");
    }

    @Test
    void shouldRejectAtTheFormalCheck() {
        // given
        ProcessInstanceEvent instance = start(false, 3);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("SubProcess_ExpertReview");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "REJECTED");
        assertThat(driver.notices.get(1).reason()).isEqualTo("reason given by officer");
    }

    @Test
    void shouldEndWhenTheApplicantWithdrawsInsteadOfCorrecting() {
        // given
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "RETURN");

        // when
        driver.complete("UserTask_Correction", CASE, "applicant", "WITHDRAW");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "CORRECTION", "REJECTED");
    }

    @Test
    void shouldRejectWhenTheAggregatedScoreIsBelowThePassScore() {
        // given
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // when
        scoreAll(50);

        // then
        assertThat(instance).isCompleted().hasPassedElement("Gateway_ExpertReviewOutcome").hasPassedElement("End_Rejected")
                .hasNotPassedElement("ServiceTask_CalculateSubsidy");
        assertThat(driver.notices.get(driver.notices.size() - 1).reason()).contains("below the pass score");
    }

    @Test
    void shouldReplaceAnExpertWhoDoesNotRespondInTime() {
        // given
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        ActivatedJob first = driver.userTask("UserTask_ExpertScore", CASE);
        client.newCompleteCommand(first.getKey()).variables(Map.of("outcome", "SCORE", "score", 75)).send().join();
        driver.run();

        // when: the other two experts let the response period pass
        driver.advance(Duration.ofDays(8));

        // then
        assertThat(driver.jobs("release-expert")).hasSize(2);
        assertThat(driver.jobs("draw-expert")).hasSize(5).extracting(j -> j.getVariablesAsMap().get("attempt"))
                .containsExactlyInAnyOrder(1, 1, 1, 2, 2);
        assertThat(driver.openUserTasks()).filteredOn(j -> j.getElementId().equals("UserTask_ExpertScore"))
                .extracting(j -> j.getVariablesAsMap().get("expertUser")).containsExactlyInAnyOrder("expert4", "expert5");
        scoreAll(85);
        assertThat(instance).isCompleted().hasPassedElement("Event_ExpertTimeout", 2).hasPassedElement("End_Calculated");
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("scores"))
                .asList().containsExactlyInAnyOrder(75, 85, 85);
    }

    @Test
    void shouldReplaceAnExpertWhoRecuses() {
        // given
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // when
        ActivatedJob recusing = driver.userTask("UserTask_ExpertScore", CASE);
        client.newCompleteCommand(recusing.getKey()).variables(Map.of("outcome", "RECUSE", "comment", "former adviser"))
                .send().join();
        driver.run();

        // then
        assertThat(driver.jobs("release-expert")).hasSize(1);
        assertThat(driver.jobs("draw-expert")).hasSize(4);
        assertThat(driver.count("UserTask_ExpertScore")).isEqualTo(3);
        scoreAll(70);
        assertThat(instance).isCompleted().hasPassedElement("Gateway_ExpertResponse", 4).hasPassedElement("End_Calculated");
    }

    /** draw-expert's part when slot 3 finds the pool exhausted (or failing technically) the first time it is drawn. */
    void slotThreeFailsOnce(ProcessDriver.Error error) {
        AtomicInteger slotThree = new AtomicInteger();
        driver.worker("draw-expert", job -> {
            if (Integer.valueOf(3).equals(job.getVariablesAsMap().get("slot")) && slotThree.getAndIncrement() == 0) {
                return error;
            }
            return Map.of("expertUser", "expert" + drawn.incrementAndGet());
        });
    }

    static final ProcessDriver.Error POOL_EXHAUSTED = new ProcessDriver.Error("EXPERT_POOL_EXHAUSTED",
            Map.of("poolExhaustedReason", "no expert without a conflict of interest is left"));
    static final ProcessDriver.Error TECHNICAL_FAILURE = new ProcessDriver.Error("TECHNICAL_FAILURE",
            Map.of("technicalError", "connection refused", "failedJobType", "draw-expert"));

    @Test
    void shouldGiveAnOfficerTheTaskToExtendThePoolAndDrawAgainWhenNoExpertIsLeft() {
        // given a slot that finds the pool exhausted
        slotThreeFailsOnce(POOL_EXHAUSTED);
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        ActivatedJob task = driver.userTask("UserTask_ExtendExpertPool", CASE);
        assertThat(task.getCustomHeaders()).containsEntry("outcomes", "REDRAW,REDUCE").containsEntry("form", "expert-pool");
        assertThat(task.getVariablesAsMap()).containsEntry("poolExhaustedReason", "no expert without a conflict of interest is left");

        // when the officer extended the pool and draws again
        driver.complete("UserTask_ExtendExpertPool", CASE, "officer", "REDRAW");
        scoreAll(80);

        // then
        assertThat(instance).hasNoIncidents().isCompleted().hasPassedElement("Event_ExpertPoolExhausted")
                .hasPassedElement("End_Calculated").hasNotPassedElement("End_SlotDropped");
        assertThat(driver.jobs("draw-expert")).hasSize(4);
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("scores")).isEqualTo(List.of(80, 80, 80));
    }

    @Test
    void shouldLowerThePanelByTheSlotWhenTheOfficerLowersTheNumber() {
        // given
        slotThreeFailsOnce(POOL_EXHAUSTED);
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // when
        driver.complete("UserTask_ExtendExpertPool", CASE, "officer", "REDUCE",
                Map.of("comment", "本领域专家不足 two experts suffice"));
        scoreAll(80);

        // then the review goes on with two experts
        assertThat(instance).hasNoIncidents().isCompleted().hasPassedElement("End_SlotDropped")
                .hasPassedElement("End_Calculated");
        assertThat(driver.jobs("draw-expert")).hasSize(3);
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("scores")).asList()
                .containsExactlyInAnyOrder(80, 80, null);
    }

    @Test
    void shouldGiveAnOfficerARepairTaskWhenTheDrawFailsTechnicallyAndRetryIt() {
        // given the draw's last retry failed on a technical fault
        slotThreeFailsOnce(TECHNICAL_FAILURE);
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        ActivatedJob repair = driver.userTask("UserTask_RepairDrawExpert", CASE);
        assertThat(repair.getCustomHeaders()).containsEntry("outcomes", "RETRY,SKIP").containsEntry("form", "repair");
        assertThat(repair.getVariablesAsMap()).containsEntry("technicalError", "connection refused")
                .containsEntry("failedJobType", "draw-expert");

        // when
        driver.complete("UserTask_RepairDrawExpert", CASE, "officer", "RETRY");
        scoreAll(75);

        // then
        assertThat(instance).hasNoIncidents().isCompleted().hasPassedElement("Event_DrawExpertFailed")
                .hasPassedElement("End_Calculated").hasNotPassedElement("End_SlotDropped");
        assertThat(driver.jobs("draw-expert")).hasSize(4);
    }

    @Test
    void shouldHaveAnOfficerDetermineTheAmountWhereTheClauseGivesOnlyACeiling() {
        // given a measure whose clause gives only a ceiling (给予最高50万元奖励): the calculation says so
        driver.worker("calculate-subsidy", Map.of("calculatedAmount", "500000.00", "capped", false,
                "determinationRequired", true));
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(80);
        ActivatedJob task = driver.userTask("UserTask_DetermineAmount", CASE);
        assertThat(task.getCustomHeaders()).containsEntry("form", "determination").containsEntry("outcomes", "DETERMINE")
                .containsEntry("io.camunda.zeebe:candidateGroups", "[\"officer\"]");
        assertThat(task.getVariablesAsMap()).containsEntry("calculatedAmount", "500000.00");

        // when the officer determines it
        driver.complete("UserTask_DetermineAmount", CASE, "officer", "DETERMINE",
                Map.of("determinedAmount", "300000.00", "comment", "按评审得分核定"));

        // then the case awaits the batch decision
        assertThat(instance).isCompleted().hasNoIncidents().hasPassedElementsInOrder("ServiceTask_CalculateSubsidy",
                "UserTask_DetermineAmount", "Event_NotifyAwaitingBatch", "End_Calculated");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "EXPERT_REVIEW", "CALCULATION", "AWAITING_BATCH");
    }

    @Test
    void shouldGoStraightToTheBatchWhereTheAmountIsAsCalculated() {
        // given a stated or rate-computed amount (nothing to determine)
        driver.worker("calculate-subsidy", Map.of("calculatedAmount", "600000.00", "capped", false,
                "determinationRequired", false));
        ProcessInstanceEvent instance = start(false, 3);

        // when
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(80);

        // then
        assertThat(instance).isCompleted().hasPassedElement("Gateway_AmountToDetermine")
                .hasNotPassedElement("UserTask_DetermineAmount").hasPassedElement("End_Calculated");
    }

    @Test
    void shouldGiveAnOfficerARepairTaskWhenTheCalculationFailsTechnicallyAndCalculateOnRetry() {
        // given a calculation whose last retry fails on a technical fault
        driver.failsOnceTechnically("calculate-subsidy", Map.of("calculatedAmount", "600000.00", "capped", false));
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(75);
        ActivatedJob repair = driver.userTask("UserTask_RepairCalculateSubsidy", CASE);
        assertThat(repair.getCustomHeaders()).containsEntry("outcomes", "RETRY").containsEntry("form", "repair");
        assertThat(repair.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"officer\"]");

        // when
        driver.complete("UserTask_RepairCalculateSubsidy", CASE, "officer", "RETRY");

        // then
        assertThat(instance).isCompleted().hasNoIncidents().hasPassedElement("Event_CalculateSubsidyFailed")
                .hasPassedElement("End_Calculated");
        assertThat(driver.jobs("calculate-subsidy")).hasSize(2);
    }

    @Test
    void shouldLeaveTheSlotWithoutAnExpertWhenTheOfficerSkipsTheFailedDraw() {
        // given
        slotThreeFailsOnce(TECHNICAL_FAILURE);
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // when
        driver.complete("UserTask_RepairDrawExpert", CASE, "officer", "SKIP", Map.of("comment", "two experts suffice"));
        scoreAll(75);

        // then
        assertThat(instance).hasNoIncidents().isCompleted().hasPassedElement("Gateway_RepairDrawExpert")
                .hasPassedElement("End_SlotDropped").hasPassedElement("End_Calculated");
        assertThat(driver.jobs("draw-expert")).hasSize(3);
    }

    @Test
    void shouldRejectWhenTheAuditorRejects() {
        // given
        ProcessInstanceEvent instance = start(true, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(70);

        // when
        driver.complete("UserTask_SpecialAudit", CASE, "auditor", "REJECT");

        // then
        assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("ServiceTask_CalculateSubsidy");
        assertThat(driver.stages(CASE)).endsWith("SPECIAL_AUDIT", "REJECTED");
    }

    @Test
    void shouldRejectWhenTheRuleGrantsNothing() {
        // given
        driver.worker("calculate-subsidy", job -> new ProcessDriver.Error("NOT_ELIGIBLE",
                Map.of("rejectionReason", "no cash grant", "lastActor", "system")));
        ProcessInstanceEvent instance = start(false, 3);
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");

        // when
        scoreAll(70);

        // then
        assertThat(instance).isCompleted().hasPassedElement("Event_NotEligible").hasPassedElement("End_Rejected");
        assertThat(driver.notices.get(driver.notices.size() - 1).reason()).isEqualTo("no cash grant");
    }

    /** A case review re-created after an engine restart: started before the given element, with extra variables. */
    ProcessInstanceEvent resume(String elementId, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", CASE);
        variables.put("applicantUser", "applicant");
        variables.put("lastActor", "system");
        variables.put("auditRequired", false);
        variables.put("passScore", 60);
        variables.put("correctionPeriod", "P10D");
        variables.put("expertsPerCase", 3);
        variables.put("expertResponsePeriod", "P7D");
        // the route recorded when the case entered the review, as the recovery hands it over
        variables.put("reviewRoute", Map.of("experts", 3, "passScore", 60, "specialAudit", false));
        variables.putAll(extra);
        ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("grant-lifecycle")
                .latestVersion().variables(variables).startBeforeElement(elementId).send().join();
        driver.run();
        return instance;
    }

    /** draw-expert after a restart: slot 1's expert already scored 90, the others are still on the panel. */
    void panelKeptInTheDatabase(String remaining) {
        driver.worker("draw-expert", job -> {
            int slot = ((Number) job.getVariablesAsMap().get("slot")).intValue();
            Map<String, Object> out = new HashMap<>();
            out.put("expertUser", "expert" + slot);
            out.put("attempt", 1);
            out.put("expertOutcome", slot == 1 ? "SCORE" : null);
            out.put("score", slot == 1 ? 90 : null);
            out.put("responseRemaining", slot == 1 ? null : remaining);
            return out;
        });
    }

    @Test
    void shouldResumeTheExpertReviewWithTheSameExpertsAndTheScoresGiven() {
        // given the panel as the database keeps it: slot 1 scored, slots 2 and 3 drawn
        panelKeptInTheDatabase("PT72H");

        // when the expert review is re-created after an engine restart
        ProcessInstanceEvent instance = resume("SubProcess_ExpertReview", Map.of());

        // then only the experts who have not scored get a task, and the score given counts
        assertThat(driver.openUserTasks()).extracting(ActivatedJob::getElementId, j -> j.getVariablesAsMap().get("expertUser"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("UserTask_ExpertScore", "expert2"),
                        org.assertj.core.groups.Tuple.tuple("UserTask_ExpertScore", "expert3"));
        scoreAll(70);
        assertThat(instance).isCompleted().hasPassedElement("End_ExpertScored", 3)
                .hasPassedElement("UserTask_ExpertScore", 2).hasPassedElement("End_Calculated");
        assertThat(driver.jobs("aggregate-scores").get(0).getVariablesAsMap().get("scores")).isEqualTo(List.of(90, 70, 70));
        ProcessDriver.assertStages(driver, CASE, "CALCULATION", "AWAITING_BATCH");
    }

    @Test
    void shouldReplaceAResumedExpertWhenWhatWasLeftOfHisPeriodRunsOut() {
        // given the panel kept in the database, slots 2 and 3 with an hour left of their response period
        panelKeptInTheDatabase("PT1H");
        ProcessInstanceEvent instance = resume("SubProcess_ExpertReview", Map.of());

        // when two hours pass (the period is seven days)
        driver.worker("draw-expert", job -> Map.of("expertUser", "expert" + (10 + drawn.incrementAndGet())));
        driver.advance(Duration.ofHours(2));

        // then both are released and their slots drawn again
        assertThat(driver.jobs("release-expert")).hasSize(2);
        assertThat(instance).hasPassedElement("Event_ExpertTimeout", 2);
        assertThat(driver.count("UserTask_ExpertScore")).isEqualTo(2);
    }

    @Test
    void shouldLapseAResumedCorrectionAtItsOriginalDeadline() {
        // given a correction re-created with an hour left of its ten days
        ProcessInstanceEvent instance = resume("UserTask_Correction", Map.of("correctionRemaining", "PT1H"));
        assertThat(driver.count("UserTask_Correction")).isEqualTo(1);

        // when two hours pass
        driver.advance(Duration.ofHours(2));

        // then it lapsed, without announcing the correction again
        assertThat(instance).isCompleted().hasPassedElement("End_Lapsed");
        ProcessDriver.assertStages(driver, CASE, "LAPSED");
    }

    @Test
    void shouldGiveALaterCorrectionItsFullPeriodAfterAResumedOne() {
        // given a resumed correction that the applicant makes in time
        ProcessInstanceEvent instance = resume("UserTask_Correction", Map.of("correctionRemaining", "PT1H"));
        driver.complete("UserTask_Correction", CASE, "applicant", "RESUBMIT");

        // when the officer returns it again and two hours pass
        driver.complete("UserTask_FormalCheck", CASE, "officer", "RETURN");
        driver.advance(Duration.ofHours(2));

        // then the new correction runs for its ten days
        assertThat(instance).isActive().isWaitingAtElements("UserTask_Correction");
        driver.advance(Duration.ofDays(10));
        assertThat(instance).isCompleted().hasPassedElement("End_Lapsed");
        ProcessDriver.assertStages(driver, CASE, "FORMAL_CHECK", "CORRECTION", "LAPSED");
    }

    @Test
    void shouldResumeAtTheFormalCheckWithoutAnnouncingItAgain() {
        // when a case waiting at its formal check is re-created
        ProcessInstanceEvent instance = resume("UserTask_FormalCheck", Map.of());

        // then the officer has the task and the applicant hears only of the next steps
        driver.complete("UserTask_FormalCheck", CASE, "officer", "APPROVE");
        scoreAll(80);
        assertThat(instance).isCompleted().hasPassedElement("End_Calculated").hasNotPassedElement("Event_NotifyFormalCheck");
        ProcessDriver.assertStages(driver, CASE, "EXPERT_REVIEW", "CALCULATION", "AWAITING_BATCH");
    }
}
