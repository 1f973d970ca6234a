package cn.grants.api.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.api.ApiClient;
import cn.grants.api.ModelFixtures;
import cn.grants.domain.audit.AuditRepository;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.payouts.PayoutRefusedException;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.tasks.InboxTaskRepository;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import cn.grants.workers.payouts.ExecutePayoutWorker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Recorded approvals are the only authority for money: execute-payout pays a tranche only when PostgreSQL holds the
 * planned tranche, due and unpaid, and the finance approvals recorded through the task inbox, and only its recorded
 * amount. Whatever a deployed model or a client of the engine puts into the job makes no payment instruction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class PayoutAuthorityIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamundaClient camunda;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    TrancheRepository tranches;
    @Autowired
    PayoutService payouts;
    @Autowired
    PayoutRepository instructions;
    @Autowired
    InboxTaskRepository tasks;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired
    AuditRepository audit;
    @Autowired
    ExecutePayoutWorker worker;

    /** A process owner's model: one service task of type execute-payout with an invented tranche and amount. */
    static String forgedModel(String caseId) {
        return ModelFixtures.payoutModel(caseId).replace("pay-once", "forged-payout").replace(" retries=\"3\"", "")
                .replace("<zeebe:input source=\"=1\" target=\"tranche\"/>",
                        "<zeebe:input source=\"=9\" target=\"tranche\"/>"
                                + "\n<zeebe:input source=\"=&quot;9999999.00&quot;\" target=\"trancheAmount\"/>");
    }

    @Test
    void shouldMakeNoInstructionForAPayoutJobOfADeployedModelThatNoApprovalBacks() {
        // given an existing case, and a process owner's model that asks execute-payout for 9,999,999.00
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String caseId = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        deploy(forgedModel(caseId), "forged-payout.bpmn");

        // when anyone who reaches the engine starts it
        camunda.newCreateInstanceCommand().bpmnProcessId("forged-payout").latestVersion().send().join();

        // then the refusal is written to the audit log, with the reason, and no instruction exists
        String detail = ApiClient.await("the refusal in the audit log", Duration.ofSeconds(30), () -> audit
                .findByCaseIdOrderByIdAsc(UUID.fromString(caseId)).stream()
                .filter(e -> e.getAction().equals("execute-payout")).map(e -> e.getDetail()).findFirst()
                .orElse(null));
        assertThat(detail).contains("payment refused", "has no tranche 9");
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(UUID.fromString(caseId))).isEmpty();
        assertThat(api.list("finance", "/api/payouts")).noneMatch(p -> caseId.equals(p.get("caseId")));
    }

    /** A process owner's model whose notify-applicant step announces a stage that no recorded decision backs. */
    static String forgedStage(String caseId, String stage) {
        return forgedModel(caseId).replace("forged-payout", "forged-stage-" + stage.toLowerCase())
                .replace("type=\"execute-payout\"", "type=\"notify-applicant\"")
                .replace("<zeebe:input source=\"=9\" target=\"tranche\"/>",
                        "<zeebe:input source=\"=&quot;" + stage + "&quot;\" target=\"stage\"/>")
                .replace("<zeebe:input source=\"=&quot;9999999.00&quot;\" target=\"trancheAmount\"/>",
                        "<zeebe:input source=\"=&quot;forger&quot;\" target=\"actor\"/>");
    }

    @Test
    void shouldNotLetAForgedNotifyApplicantStageEndOrPayACase() {
        // given a submitted case in formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), "sz-equip-03-major-equipment-rd");
        String caseId = (String) api.createCase("applicant", round, "sz-equip-03-major-equipment-rd",
                Map.of("INVESTMENT", "1000000.00")).get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);
        api.task("officer", caseId, "UserTask_FormalCheck");

        // when models announce it REJECTED and PAID, without any decision recorded
        for (String stage : List.of("REJECTED", "PAID")) {
            deploy(forgedStage(caseId, stage), "forged-stage-" + stage.toLowerCase() + ".bpmn");
            camunda.newCreateInstanceCommand().bpmnProcessId("forged-stage-" + stage.toLowerCase()).latestVersion()
                    .send().join();
        }

        // then both are refused and audited, and the case is where it was
        List<String> refusals = ApiClient.await("both refusals in the audit log", Duration.ofSeconds(30), () -> {
            List<String> found = audit.findByCaseIdOrderByIdAsc(UUID.fromString(caseId)).stream()
                    .filter(e -> e.getAction().equals("notify-applicant")).map(e -> e.getDetail()).toList();
            return found.size() == 2 ? found : null;
        });
        assertThat(refusals).anyMatch(d -> d.contains("has no recorded rejection"))
                .anyMatch(d -> d.contains("is not paid"));
        Map<String, Object> view = api.get("applicant", "/api/cases/" + caseId).getBody();
        assertThat(view.get("status")).isEqualTo("IN_PROGRESS");
        assertThat(view.get("currentStage")).isEqualTo("FORMAL_CHECK");
    }

    /**
     * Straight to the engine, as any client that reaches it could (the models API would refuse these: no diagram, no
     * repair path): the workers must refuse what no recorded decision backs, whoever deployed the model.
     */
    private void deploy(String xml, String name) {
        camunda.newDeployResourceCommand().addResourceBytes(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8), name)
                .send().join();
    }

    @Test
    void shouldPayOnlyTheRecordedAmountOfADueTrancheWithItsRecordedApprovals() {
        // given a tranche of 15,000,000.00, due, above finance's limit (10,000,000.00)
        UUID caseId = newCase();
        tranches.saveAndFlush(new Tranche(caseId, 1, Tranche.Kind.YEARLY, new BigDecimal("15000000.00"),
                Instant.now().minusSeconds(60)));

        // when paid without any approval, then with the first only, then with a wrong amount
        assertThatThrownBy(() -> payouts.pay(caseId, "Pay", 1, null)).isInstanceOf(PayoutRefusedException.class)
                .hasMessageContaining("no recorded finance approval");
        payouts.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new BigDecimal("10000000.00"), task(caseId));
        assertThatThrownBy(() -> payouts.pay(caseId, "Pay", 1, null)).isInstanceOf(PayoutRefusedException.class)
                .hasMessageContaining("no recorded second approval");
        assertThatThrownBy(() -> payouts.approve(caseId, 1, TrancheApproval.Level.SECOND, "finance",
                new BigDecimal("10000000.00"), task(caseId))).isInstanceOf(PayoutRefusedException.class)
                .hasMessageContaining("another finance officer");
        payouts.approve(caseId, 1, TrancheApproval.Level.SECOND, "finance2", new BigDecimal("100000000.00"),
                task(caseId));
        assertThatThrownBy(() -> payouts.pay(caseId, "Pay", 1, new BigDecimal("9999999.00")))
                .isInstanceOf(PayoutRefusedException.class).hasMessageContaining("the recorded amount is 15000000.00");

        // then with both approvals it pays the recorded amount once
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(caseId)).isEmpty();
        assertThat(payouts.pay(caseId, "Pay", 1, null).payout().getAmount()).isEqualByComparingTo("15000000.00");
        assertThat(payouts.pay(caseId, "Pay", 1, new BigDecimal("15000000.00")).created()).isFalse();
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(caseId)).hasSize(1);
    }

    @Test
    void shouldRefuseATrancheNotYetDueOrCancelledAndFailTheJobWithTheReason() {
        // given a tranche due in a year, approved
        UUID caseId = newCase();
        tranches.saveAndFlush(new Tranche(caseId, 1, Tranche.Kind.YEARLY, new BigDecimal("300.00"),
                Instant.now().plus(Duration.ofDays(365))));
        payouts.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new BigDecimal("10000000.00"), task(caseId));
        ActivatedJob job = Mockito.mock(ActivatedJob.class);
        Mockito.when(job.getElementId()).thenReturn("ServiceTask_ExecutePayout");
        Mockito.when(job.getKey()).thenReturn(77L);
        Mockito.when(job.getType()).thenReturn("execute-payout");

        // when
        assertThatThrownBy(() -> worker.executePayout(job, new ExecutePayoutWorker.Tranche(caseId.toString(), 1,
                "300.00"))).isInstanceOfSatisfying(JobError.class, e -> {
                    // then the job fails at once (no retries) with the reason, and nothing is paid
                    assertThat(e.getRetries()).isZero();
                    assertThat(e.getErrorMessage()).contains("is not due before");
                });
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(caseId)).isEmpty();
        assertThat(audit.findByCaseIdOrderByIdAsc(caseId)).extracting(e -> e.getActor() + " " + e.getAction())
                .containsExactly("system execute-payout");
    }

    @Autowired
    cn.grants.workers.payouts.AssessClawbackWorker clawbackWorker;
    @Autowired
    cn.grants.workers.rounds.WithdrawAwardWorker withdrawWorker;
    @Autowired
    cn.grants.domain.payouts.DisbursementService disbursement;

    @Test
    void shouldNeitherClawBackNorWithdrawWithoutTheOfficersRecordedDecision() {
        // given a case with a planned, approved and paid tranche, and a second one planned
        UUID caseId = newCase();
        tranches.saveAndFlush(new Tranche(caseId, 1, Tranche.Kind.YEARLY, new BigDecimal("300.00"),
                Instant.now().minusSeconds(60)));
        tranches.saveAndFlush(new Tranche(caseId, 2, Tranche.Kind.YEARLY, new BigDecimal("300.00"),
                Instant.now().plus(Duration.ofDays(365))));
        payouts.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new BigDecimal("10000000.00"), task(caseId));
        payouts.pay(caseId, "Pay", 1, null);
        ActivatedJob job = Mockito.mock(ActivatedJob.class);
        Mockito.when(job.getType()).thenReturn("assess-clawback");

        // when jobs name the case without any failed condition or upheld objection recorded
        assertThatThrownBy(() -> clawbackWorker.assessClawback(job,
                new cn.grants.workers.payouts.AssessClawbackWorker.Failure(caseId.toString(), "伪造 forged")))
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getErrorMessage())
                        .contains("no milestone or matching check recorded as failed"));
        Mockito.when(job.getType()).thenReturn("withdraw-award");
        assertThatThrownBy(() -> withdrawWorker.withdrawAward(job, caseId.toString()))
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getErrorMessage())
                        .contains("no objection upheld by an officer"));

        // then nothing was demanded back or cancelled, and both refusals are in the audit log after the payment
        assertThat(cases.findById(caseId).orElseThrow().getClawbackAmount()).isNull();
        assertThat(disbursement.tranches(caseId)).extracting(t -> t.getStatus().name())
                .containsExactly("PAID", "PLANNED");
        assertThat(audit.findByCaseIdOrderByIdAsc(caseId)).extracting(e -> e.getAction() + " " + e.getStatus())
                .containsExactly("execute-payout 200", "assess-clawback 403", "withdraw-award 403");
    }

    @Autowired
    cn.grants.workers.experts.AggregateScoresWorker aggregateWorker;

    @Test
    void shouldAggregateOnlyTheScoresTheExpertsRecorded() {
        // given a case nobody scored
        UUID caseId = newCase();
        ActivatedJob job = Mockito.mock(ActivatedJob.class);
        Mockito.when(job.getType()).thenReturn("aggregate-scores");

        // when a job brings its own scores and pass score
        assertThatThrownBy(() -> aggregateWorker.aggregateScores(job, new cn.grants.workers.experts
                .AggregateScoresWorker.Scores(caseId.toString(), List.of(100, 100, 100), 0)))
                // then it is refused: the review result comes from what the drawn experts recorded
                .isInstanceOfSatisfying(JobError.class, e -> assertThat(e.getErrorMessage())
                        .contains("no expert recorded a score"));
        assertThat(cases.findById(caseId).orElseThrow().getReviewScore()).isNull();
    }

    private UUID newCase() {
        GrantCase c = new GrantCase(UUID.randomUUID(), "sz-newmat-07-innovation-chain-industry-chain", "applicant",
                "某公司", ApiClient.CREDIT_CODE, "项目", Map.of("INVESTMENT", "120000000.00"), Instant.now());
        return cases.saveAndFlush(c).getId();
    }

    /** A finance approval task of the inbox (the approval records which task it came from). */
    private UUID task(UUID caseId) {
        return cn.grants.api.InboxFixtures.financeTask(transactions, tasks, caseId);
    }
}
