package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.api.ApiClient;
import cn.grants.api.InboxFixtures;
import cn.grants.api.ModelFixtures;
import cn.grants.domain.audit.AuditEntry;
import cn.grants.domain.audit.AuditRepository;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.tasks.InboxTaskRepository;
import io.camunda.client.CamundaClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log is complete: what a worker does to money is logged with actor {@code system}, its job and the
 * case; a task completion with its case, task type and outcome; a request refused by authorization with who asked
 * what; and a money action whose audit entry cannot be written does not happen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class AuditCompletenessIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    AuditRepository audit;
    @Autowired
    JdbcTemplate jdbc;
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
    TransactionTemplate transactions;

    @AfterEach
    void removeInjectedFaults() {
        jdbc.execute("drop trigger if exists inject_audit_failure on audit_log");
    }

    private UUID approvedTranche() {
        GrantCase c = new GrantCase(UUID.randomUUID(), MEASURE, "applicant", "某公司", ApiClient.CREDIT_CODE, "项目",
                Map.of("INVESTMENT", "1000.00"), Instant.now());
        UUID caseId = cases.saveAndFlush(c).getId();
        tranches.saveAndFlush(new Tranche(caseId, 1, Tranche.Kind.YEARLY, new BigDecimal("300000.00"),
                Instant.now().minusSeconds(60)));
        payouts.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new BigDecimal("10000000.00"),
                InboxFixtures.financeTask(transactions, tasks, caseId));
        return caseId;
    }

    private List<AuditEntry> of(UUID caseId, String action) {
        return audit.findByCaseIdOrderByIdAsc(caseId).stream().filter(e -> e.getAction().equals(action)).toList();
    }

    @Test
    void shouldLogAWorkersPaymentAsTheSystemWithItsJobAndCase() {
        // given an approved, due tranche, and a model that pays it
        UUID caseId = approvedTranche();
        camunda.newDeployResourceCommand().addResourceStringUtf8(ModelFixtures.payoutModel(caseId.toString()), "pay-once.bpmn").send().join();

        // when the engine runs it
        camunda.newCreateInstanceCommand().bpmnProcessId("pay-once").latestVersion().send().join();

        // then the instruction is in the audit log: by the system, naming the job, the tranche and the amount
        AuditEntry entry = ApiClient.await("the payment in the audit log", Duration.ofSeconds(30),
                () -> of(caseId, "execute-payout").stream().findFirst().orElse(null));
        assertThat(entry.getActor()).isEqualTo("system");
        assertThat(entry.getDetail()).contains("tranche 1", "300000.00").containsPattern("job \\d+ execute-payout");
    }

    @Test
    void shouldNotPayWhenTheAuditEntryCannotBeWritten() {
        // given an approved, due tranche, and an audit log that refuses the payment's entry
        UUID caseId = approvedTranche();
        jdbc.execute("""
                create or replace function inject_audit_failure() returns trigger language plpgsql as $$
                begin raise exception 'injected: the audit log cannot be written'; end $$""");
        jdbc.execute("create trigger inject_audit_failure before insert on audit_log for each row"
                + " when (new.action = 'execute-payout') execute function inject_audit_failure()");

        // when the payment is made, then it fails, and no instruction exists
        assertThatThrownBy(() -> payouts.pay(caseId, "Pay", 1, null)).hasStackTraceContaining("audit log");
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(caseId)).isEmpty();
    }

    @Test
    void shouldLogTaskCompletionsAndRequestsRefusedByAuthorization() {
        // given a case at the formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");
        api.post("applicant", "/api/cases/" + caseId + "/submit", null);

        // when the officer returns it, and an applicant asks for the budgets and the officer's case list page data
        api.complete("officer", api.task("officer", caseId, "UserTask_FormalCheck"),
                Map.of("outcome", "RETURN", "comment", "请补充合同"));
        int refused = api.get("applicant", "/api/budgets").getStatusCode().value();
        int refusedCase = api.get("applicant2", "/api/cases/" + caseId + "/experts").getStatusCode().value();

        // then the completion names the case, the task type and the outcome; each refusal who asked what
        assertThat(of(UUID.fromString(caseId), "complete-task")).singleElement().satisfies(e -> {
            assertThat(e.getActor()).isEqualTo("officer");
            assertThat(e.getDetail()).contains("UserTask_FormalCheck", "RETURN", "请补充合同");
        });
        assertThat(refused).isEqualTo(403);
        assertThat(refusedCase).isEqualTo(403);
        List<AuditEntry> denials = audit.findByOrderByIdDesc(org.springframework.data.domain.PageRequest.of(0, 50))
                .stream().filter(e -> e.getAction().startsWith("DENIED")).toList();
        assertThat(denials).anySatisfy(e -> {
            assertThat(e.getActor()).isEqualTo("applicant");
            assertThat(e.getAction()).isEqualTo("DENIED GET /api/budgets");
            assertThat(e.getStatus()).isEqualTo(403);
        });
        assertThat(denials).anySatisfy(e -> {
            assertThat(e.getActor()).isEqualTo("applicant2");
            assertThat(e.getCaseId()).isEqualTo(UUID.fromString(caseId));
        });
    }
}
