package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.domain.audit.AuditRepository;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.Stage;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.notifications.NotificationRepository;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import cn.grants.workers.notifications.NotifyApplicantWorker;
import cn.grants.workers.tasks.UserTaskInboxWorker;
import cn.grants.workers.payouts.ExecutePayoutWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The workers' side effects happen once per idempotency key on the real PostgreSQL: a retried job, a duplicate
 * activation of the same job, or two workers racing on it, never pay twice or notify twice.
 */
@SpringBootTest(properties = {"grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class WorkerIdempotencyIntegrationTest {

    @Autowired
    ExecutePayoutWorker payoutWorker;
    @Autowired
    NotifyApplicantWorker notifyWorker;
    @Autowired
    AuditRepository audit;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    PayoutRepository payouts;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    UserTaskInboxWorker inbox;
    @Autowired
    InboxTaskRepository tasks;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    cn.grants.workers.payouts.PlanTranchesWorker planTranches;
    @Autowired
    cn.grants.workers.payouts.AssessClawbackWorker assessClawback;
    @Autowired
    cn.grants.domain.payouts.DisbursementService disbursement;
    @Autowired
    PayoutService payoutService;
    @Autowired
    TrancheRepository trancheRepository;

    @Test
    void shouldHoldAUserTaskOnceWhenTheEngineHandsTheJobOutAgain() {
        // given
        UUID caseId = newCase();
        ActivatedJob job = job("UserTask_FormalCheck", 41);
        when(job.getKey()).thenReturn(4_000_000_001L);
        when(job.getProcessInstanceKey()).thenReturn(4_000_000_000L);
        when(job.getProcessDefinitionKey()).thenReturn(1L);
        when(job.getCustomHeaders()).thenReturn(Map.of("io.camunda.zeebe:candidateGroups", "[\"officer\"]",
                "outcomes", "APPROVE,RETURN,REJECT"));
        when(job.getVariablesAsMap()).thenReturn(Map.of("caseId", caseId.toString()));

        // when: activated, then activated again after its timeout
        inbox.holdUserTask(job);
        inbox.holdUserTask(job);

        // then
        List<InboxTask> held = tasks.findByCaseIdOrderByCreatedAtAsc(caseId);
        assertThat(held).hasSize(1);
        assertThat(held.get(0).getActivations()).isEqualTo(2);
        assertThat(held.get(0).getCandidateGroup()).isEqualTo("officer");
        assertThat(held.get(0).allowedOutcomes()).containsExactly("APPROVE", "RETURN", "REJECT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPlanTranchesOnceAndClawBackOnlyWhatWasPaid() {
        // given a multi-year case approved 36,000,000.00
        GrantCase c = new GrantCase(UUID.randomUUID(), "sz-newmat-07-innovation-chain-industry-chain", "applicant",
                "某公司", ApiClient.CREDIT_CODE, "项目", Map.of("INVESTMENT", "120000000.00"), Instant.now());
        c.approved(new java.math.BigDecimal("36000000.00"), Instant.now());
        UUID caseId = cases.saveAndFlush(c).getId();

        // when the tranches are planned twice (a retried job) and the first tranche is paid
        Map<String, Object> planned = planTranches.planTranches(job("ServiceTask_PlanTranches", 20), caseId.toString());
        Map<String, Object> again = planTranches.planTranches(job("ServiceTask_PlanTranches", 20), caseId.toString());
        payoutService.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new java.math.BigDecimal("10000000.00"),
                financeTask(caseId));
        payoutService.approve(caseId, 1, TrancheApproval.Level.SECOND, "finance2",
                new java.math.BigDecimal("100000000.00"), financeTask(caseId));
        payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 21),
                new ExecutePayoutWorker.Tranche(caseId.toString(), 1, "15000000.00"));
        failedCondition(caseId);
        Map<String, Object> clawback = assessClawback.assessClawback(job("ServiceTask_AssessClawback", 22),
                new cn.grants.workers.payouts.AssessClawbackWorker.Failure(caseId.toString(), "里程碑未通过验收"));
        Map<String, Object> clawbackAgain = assessClawback.assessClawback(job("ServiceTask_AssessClawback", 22),
                new cn.grants.workers.payouts.AssessClawbackWorker.Failure(caseId.toString(), "里程碑未通过验收"));

        // then
        assertThat((List<Map<String, Object>>) planned.get("tranches")).extracting(t -> t.get("amount"))
                .containsExactly("15000000.00", "15000000.00", "6000000.00");
        assertThat(again).isEqualTo(planned);
        assertThat(clawback).containsEntry("clawbackAmount", "15000000.00");
        assertThat(clawbackAgain).isEqualTo(clawback);
        assertThat(disbursement.tranches(caseId)).extracting(t -> t.getStatus().name())
                .containsExactly("PAID", "CANCELLED", "CANCELLED");
        assertThat(disbursement.recovered(caseId, "finance").getRecoveredBy()).isEqualTo("finance");
        assertThat(cases.findById(caseId).orElseThrow().getClawbackAmount()).isEqualByComparingTo("15000000.00");
    }

    @Test
    void shouldClawBackNothingWhenNothingWasPaid() {
        // given
        UUID caseId = newCase();

        // when
        failedCondition(caseId);
        Map<String, Object> clawback = assessClawback.assessClawback(job("ServiceTask_AssessClawback", 23),
                new cn.grants.workers.payouts.AssessClawbackWorker.Failure(caseId.toString(), "配套资金未到位"));

        // then
        assertThat(clawback).containsEntry("clawbackAmount", "0.00");
        assertThat(cases.findById(caseId).orElseThrow().getClawbackAmount()).isNull();
    }

    /** A due tranche with its finance approval recorded, as the inbox records it. */
    private void approvedTranche(UUID caseId, int number, String amount) {
        trancheRepository.saveAndFlush(new Tranche(caseId, number, Tranche.Kind.ONE_OFF, new java.math.BigDecimal(amount),
                Instant.now().minusSeconds(1)));
        payoutService.approve(caseId, number, TrancheApproval.Level.FIRST, "finance",
                new java.math.BigDecimal("10000000.00"), financeTask(caseId));
    }

    /** An officer's milestone check of the case, completed as failed: what a clawback requires. */
    private void failedCondition(UUID caseId) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(s -> {
            tasks.hold(id, Math.abs(id.getMostSignificantBits()), caseId, 1L, "UserTask_AcceptMilestone", "里程碑验收",
                    "officer", null, "APPROVE,REJECT", Instant.now(), "test", null, "{\"form\": \"milestone\"}");
            tasks.findById(id).orElseThrow().complete("officer", "REJECT", "未通过", Map.of(), Instant.now());
        });
    }

    private UUID financeTask(UUID caseId) {
        return cn.grants.api.InboxFixtures.financeTask(transactions, tasks, caseId);
    }

    /** A submitted case (its review not yet announced). */
    private UUID newCase() {
        GrantCase c = new GrantCase(UUID.randomUUID(), "sz-equip-03-major-equipment-rd", "applicant", "某公司",
                ApiClient.CREDIT_CODE, "项目", Map.of("INVESTMENT", "1000.00"), Instant.now());
        c.submitted("epoch", Instant.now());
        return cases.saveAndFlush(c).getId();
    }

    private static ActivatedJob job(String elementId, long elementInstanceKey) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getElementId()).thenReturn(elementId);
        when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
        return job;
    }

    @Test
    void shouldPayOnceWhenThePayoutJobIsRetried() {
        // given
        UUID caseId = newCase();
        approvedTranche(caseId, 1, "300.00");
        ExecutePayoutWorker.Tranche tranche = new ExecutePayoutWorker.Tranche(caseId.toString(), 1, "300.00");

        // when: the first attempt paid but its completion was lost, so the engine retries
        Map<String, Object> first = payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 11), tranche);
        Map<String, Object> retry = payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 11), tranche);

        // then
        assertThat(retry).isEqualTo(first);
        assertThat(payouts.findByCaseIdOrderByTrancheAsc(caseId)).hasSize(1);
        assertThat(cases.findById(caseId).orElseThrow().getPaidAmount()).isEqualByComparingTo("300.00");
    }

    @Test
    void shouldPayOnceWhenTwoWorkersRaceOnTheSameTranche() throws Exception {
        // given
        UUID caseId = newCase();
        approvedTranche(caseId, 1, "300.00");
        ExecutePayoutWorker.Tranche tranche = new ExecutePayoutWorker.Tranche(caseId.toString(), 1, "300.00");
        Callable<Map<String, Object>> attempt = () -> payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 12), tranche);

        // when
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<Map<String, Object>>> results = pool.invokeAll(List.of(attempt, attempt, attempt, attempt));
            // then
            for (Future<Map<String, Object>> result : results) {
                assertThat(result.get()).isEqualTo(results.get(0).get());
            }
        }
        assertThat(payouts.findByCaseIdOrderByTrancheAsc(caseId)).hasSize(1);
        assertThat(cases.findById(caseId).orElseThrow().getPaidAmount()).isEqualByComparingTo("300.00");
    }

    @Test
    void shouldPayEachTrancheOnce() {
        // given
        UUID caseId = newCase();
        approvedTranche(caseId, 1, "100.00");
        approvedTranche(caseId, 2, "50.00");

        // when
        payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 13), new ExecutePayoutWorker.Tranche(caseId.toString(), 1, "100.00"));
        payoutWorker.executePayout(job("ServiceTask_ExecutePayout", 14), new ExecutePayoutWorker.Tranche(caseId.toString(), 2, "50.00"));

        // then
        assertThat(payouts.findByCaseIdOrderByTrancheAsc(caseId)).extracting(p -> p.getTranche()).containsExactly(1, 2);
        assertThat(cases.findById(caseId).orElseThrow().getPaidAmount()).isEqualByComparingTo("150.00");
    }

    @Test
    void shouldNotifyOnceWhenTheNotifyJobIsRetried() {
        // given
        UUID caseId = newCase();
        NotifyApplicantWorker.StageChange change = new NotifyApplicantWorker.StageChange(caseId.toString(),
                "FORMAL_CHECK", "applicant", null);

        // when
        notifyWorker.notifyApplicant(job("Event_NotifyFormalCheck", 21), change);
        notifyWorker.notifyApplicant(job("Event_NotifyFormalCheck", 21), change);

        // then
        assertThat(notifications.findByCaseIdOrderByIdAsc(caseId)).hasSize(1);
        assertThat(timeline.findByCaseIdOrderByIdAsc(caseId)).extracting(e -> e.getEvent() + " " + e.getStage())
                .containsExactly("LEFT SUBMITTED", "ENTERED FORMAL_CHECK");
        assertThat(cases.findById(caseId).orElseThrow().getCurrentStage()).isEqualTo(Stage.FORMAL_CHECK);
    }

    @Test
    void shouldNotifyAgainWhenTheSameEventIsReachedAgainInALoop() {
        // given
        UUID caseId = newCase();
        NotifyApplicantWorker.StageChange check = new NotifyApplicantWorker.StageChange(caseId.toString(),
                "FORMAL_CHECK", "applicant", null);

        // when: formal check, correction, formal check again (a new element instance)
        notifyWorker.notifyApplicant(job("Event_NotifyFormalCheck", 31), check);
        notifyWorker.notifyApplicant(job("Event_NotifyCorrection", 32),
                new NotifyApplicantWorker.StageChange(caseId.toString(), "CORRECTION", "officer", null));
        notifyWorker.notifyApplicant(job("Event_NotifyFormalCheck", 33), check);

        // then
        assertThat(notifications.findByCaseIdOrderByIdAsc(caseId)).extracting(n -> n.getStage())
                .containsExactly("FORMAL_CHECK", "CORRECTION", "FORMAL_CHECK");
    }

    @Test
    void shouldRefuseAndAuditAStageTheCaseCannotMoveTo() {
        // given a case in its formal check
        UUID caseId = newCase();
        notifyWorker.notifyApplicant(job("Event_NotifyFormalCheck", 43),
                new NotifyApplicantWorker.StageChange(caseId.toString(), "FORMAL_CHECK", "applicant", null));
        ActivatedJob outOfOrder = job("Event_NotifyFundingPlan", 44);
        when(outOfOrder.getType()).thenReturn("notify-applicant");

        // when a job announces the funding plan (a stage the formal check cannot move to)
        assertThatThrownBy(() -> notifyWorker.notifyApplicant(outOfOrder,
                new NotifyApplicantWorker.StageChange(caseId.toString(), "FUNDING_PLAN", "system", null)))
                .hasMessageContaining("cannot move from FORMAL_CHECK to FUNDING_PLAN");

        // then the job fails, the refusal is audited, and the case, its timeline and the outbox are unchanged
        assertThat(audit.findByCaseIdOrderByIdAsc(caseId)).extracting(e -> e.getDetail())
                .singleElement().asString().contains("notify-applicant refused", "FORMAL_CHECK to FUNDING_PLAN");
        assertThat(cases.findById(caseId).orElseThrow().getCurrentStage()).isEqualTo(Stage.FORMAL_CHECK);
        assertThat(timeline.findByCaseIdOrderByIdAsc(caseId)).extracting(e -> e.getEvent() + " " + e.getStage())
                .containsExactly("LEFT SUBMITTED", "ENTERED FORMAL_CHECK");
        assertThat(notifications.findByCaseIdOrderByIdAsc(caseId)).extracting(n -> n.getStage())
                .containsExactly("FORMAL_CHECK");
    }
}
