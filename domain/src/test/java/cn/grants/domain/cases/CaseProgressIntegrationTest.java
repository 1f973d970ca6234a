package cn.grants.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.TestDatabase;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.catalogue.CatalogueConfiguration;
import cn.grants.domain.config.DomainConfiguration;
import cn.grants.domain.notifications.NotificationRepository;
import cn.grants.domain.payouts.Payout;
import cn.grants.domain.payouts.PayoutRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The case's state machine on the real PostgreSQL through {@link CaseProgress}: an illegal move records nothing, the
 * money effect of each stage comes from {@link Stage} (the budget release, the export's hold-back), and the database
 * admits exactly the stages and statuses the types declare.
 */
@SpringBootTest(classes = CaseProgressIntegrationTest.App.class, properties = {
        "grants.embedded.enabled=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.open-in-view=false",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
class CaseProgressIntegrationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EntityScan(basePackages = {"cn.grants.domain.audit", "cn.grants.domain.budgets", "cn.grants.domain.cases", "cn.grants.domain.payouts",
            "cn.grants.domain.tasks", "cn.grants.domain.notifications"})
    @EnableJpaRepositories(basePackages = {"cn.grants.domain.audit", "cn.grants.domain.budgets", "cn.grants.domain.cases",
            "cn.grants.domain.payouts", "cn.grants.domain.tasks", "cn.grants.domain.notifications"})
    @Import({DomainConfiguration.class, CatalogueConfiguration.class, BudgetService.class, CaseProgress.class,
            AuditTrail.class})
    static class App {
    }

    static TestDatabase postgres;
    static final AtomicInteger YEARS = new AtomicInteger(2300);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = TestDatabase.start("case-progress-pg", registry);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Autowired
    CaseProgress progress;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    NotificationRepository notifications;
    @Autowired
    BudgetService budgets;
    @Autowired
    PayoutRepository payouts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldRefuseAnIllegalMoveAndRecordNothing() {
        // given a case in its formal check
        UUID caseId = caseAt(Stage.FORMAL_CHECK);
        int entries = timeline.findByCaseIdOrderByIdAsc(caseId).size();
        int sent = notifications.findByCaseIdOrderByIdAsc(caseId).size();

        // when the funding plan is announced for it
        assertThatThrownBy(() -> progress.enter(caseId, Stage.FUNDING_PLAN, "system", null, caseId + ":forged"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("cannot move from FORMAL_CHECK to FUNDING_PLAN");

        // then the case, its timeline and the outbox are as they were
        GrantCase grantCase = cases.findById(caseId).orElseThrow();
        assertThat(grantCase.getCurrentStage()).isEqualTo(Stage.FORMAL_CHECK);
        assertThat(grantCase.getStatus()).isEqualTo(CaseStatus.IN_PROGRESS);
        assertThat(timeline.findByCaseIdOrderByIdAsc(caseId)).hasSize(entries);
        assertThat(notifications.findByCaseIdOrderByIdAsc(caseId)).hasSize(sent);
    }

    @Test
    void shouldIgnoreTheStageTheCaseIsAtAnnouncedAgainButRefuseAnEndedCaseAnyMove() {
        // given a case in publicity and a rejected one
        UUID published = caseAt(Stage.PUBLICITY);
        UUID rejected = caseAt(Stage.REJECTED);
        int entries = timeline.findByCaseIdOrderByIdAsc(published).size();

        // when the publicity is announced again (a process re-created after an engine restart), and the rejection
        boolean changed = progress.enter(published, Stage.PUBLICITY, "system", null, published + ":again");

        // then nothing changes for the first; the ended case takes no stage at all, not even its own again
        assertThat(changed).isFalse();
        assertThat(timeline.findByCaseIdOrderByIdAsc(published)).hasSize(entries);
        assertThatThrownBy(() -> progress.enter(rejected, Stage.REJECTED, "system", null, rejected + ":again"))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Stage.class)
    void shouldReleaseTheUnpaidCommitmentExactlyWhenTheStageSaysSo(Stage stage) {
        // given a case with 400.00 committed of a budget of 500.00
        int year = YEARS.incrementAndGet();
        budgets.set("state-machine-programme", year, new BigDecimal("500.00"));
        UUID caseId = caseAt(Stage.DRAFT);
        budgets.commit("state-machine-programme", year, caseId, new BigDecimal("400.00"));

        // when it moves, by legal moves, to the stage
        if (stage != Stage.DRAFT) {
            StagePaths.walk(progress, cases, caseId, stage, "system", "reason", caseId + ":walk");
        }

        // then the commitment went back to the budget only if the stage releases the unpaid remainder
        BigDecimal committed = budgets.find("state-machine-programme", year).orElseThrow().getCommitted();
        assertThat(committed).isEqualByComparingTo(stage.money().releasesUnpaidRemainder() ? "0.00" : "400.00");
    }

    @Test
    void shouldExportOnlyTheInstructionsOfCasesAtStagesThatDoNotHoldThemBack() {
        // given an unexported instruction for a case at each stage
        Map<UUID, Stage> stageOf = new HashMap<>();
        for (Stage stage : Stage.values()) {
            UUID caseId = caseAt(stage);
            stageOf.put(caseId, stage);
            transactions.executeWithoutResult(s -> payouts.instruct(UUID.randomUUID(), caseId, 1,
                    new BigDecimal("10.00"), "深圳市示例有限公司", "91440300MA5FTEST0X", caseId + ":payout",
                    Instant.now(), "755912345610001", "招商银行", "308584000013"));
        }

        // when an export claims the instructions
        List<Payout> claimed = transactions.execute(s -> payouts.claimForExport(10_000));

        // then those of cases in clawback, clawed back, rejected or lapsed are held back, all others claimed
        Set<Stage> exported = claimed.stream().map(Payout::getCaseId).filter(stageOf::containsKey).map(stageOf::get)
                .collect(Collectors.toSet());
        assertThat(exported).isEqualTo(Stage.where(s -> !s.money().holdsBackPayments()));
        assertThat(Stage.where(s -> s.money().holdsBackPayments())).containsExactlyInAnyOrder(Stage.CLAWBACK,
                Stage.CLAWED_BACK, Stage.REJECTED, Stage.LAPSED);
    }

    @Test
    void shouldAdmitInTheDatabaseExactlyTheStagesAndStatusesTheTypesDeclare() {
        // given the check constraints of grant_case (V11), when read, then they list exactly the enums' constants
        assertThat(constantsOf("grant_case_stage_known"))
                .isEqualTo(Arrays.stream(Stage.values()).map(Stage::name).collect(Collectors.toSet()));
        assertThat(constantsOf("grant_case_status_known"))
                .isEqualTo(Arrays.stream(CaseStatus.values()).map(CaseStatus::name).collect(Collectors.toSet()));
    }

    private Set<String> constantsOf(String constraint) {
        String definition = jdbc.queryForObject("select pg_get_constraintdef(oid) from pg_constraint where conname = ?",
                String.class, constraint);
        Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(definition);
        Set<String> names = new TreeSet<>();
        while (quoted.find()) {
            names.add(quoted.group(1));
        }
        return names;
    }

    /** A saved case moved from its draft to the stage by legal moves. */
    private UUID caseAt(Stage stage) {
        GrantCase grantCase = new GrantCase(UUID.randomUUID(), "measure", "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", Map.of(), Instant.now());
        UUID caseId = cases.saveAndFlush(grantCase).getId();
        if (stage != Stage.DRAFT) {
            StagePaths.walk(progress, cases, caseId, stage, "system", "reason", caseId + ":given");
        }
        return caseId;
    }
}
