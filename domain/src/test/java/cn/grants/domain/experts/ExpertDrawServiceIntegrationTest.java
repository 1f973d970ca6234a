package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.config.DomainConfiguration;
import cn.grants.domain.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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

/** The draws against PostgreSQL: the V4 migration, the mapping, the case lock and idempotency. */
@SpringBootTest(classes = ExpertDrawServiceIntegrationTest.App.class, properties = {
        "grants.embedded.enabled=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.jpa.open-in-view=false",
        "spring.jpa.properties.hibernate.jdbc.time_zone=UTC"})
class ExpertDrawServiceIntegrationTest {

    static final String APPLICANT = "91440300MA5F00001A";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EntityScan(basePackageClasses = {GrantCase.class, ExpertDraw.class})
    @EnableJpaRepositories(basePackageClasses = {GrantCaseRepository.class, ExpertDrawRepository.class})
    @Import({DomainConfiguration.class, ExpertsConfiguration.class, ExpertDrawService.class})
    static class App {
    }

    static TestDatabase postgres;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = TestDatabase.start("expert-draws-pg", registry);
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Autowired
    ExpertDrawService service;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    JdbcTemplate jdbc;

    UUID newCase(String creditCode) {
        UUID id = UUID.randomUUID();
        cases.saveAndFlush(new GrantCase(id, "M-TEST", "applicant", "深圳市示例装备有限公司", creditCode, "专家评审测试项目",
                Map.of(), Instant.now()));
        return id;
    }

    @Test
    void shouldDrawDifferentExpertsForTheParallelSlotsOfACase() throws Exception {
        // given
        UUID caseId = newCase(APPLICANT);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            // when: five slots drawn at once
            List<Callable<ExpertDraw>> slots = IntStream.rangeClosed(1, 5)
                    .<Callable<ExpertDraw>>mapToObj(slot -> () -> service.draw(caseId, slot, 1)).toList();
            List<ExpertDraw> drawn = new ArrayList<>();
            for (Future<ExpertDraw> f : pool.invokeAll(slots)) {
                drawn.add(f.get());
            }

            // then
            assertThat(drawn).extracting(ExpertDraw::getStatus).containsOnly(ExpertDraw.Status.ASSIGNED);
            assertThat(drawn).extracting(ExpertDraw::getExpertId).doesNotHaveDuplicates().doesNotContain("EXP-001");
            assertThat(service.draws(caseId)).extracting(ExpertDraw::getSlot).containsExactly(1, 2, 3, 4, 5);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shouldReturnTheSameDrawWhenASlotIsDrawnAgain() {
        // given
        UUID caseId = newCase(APPLICANT);
        ExpertDraw first = service.draw(caseId, 1, 1);

        // when
        ExpertDraw again = service.draw(caseId, 1, 1);

        // then
        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(again.getExpertId()).isEqualTo(first.getExpertId());
        assertThat(again.getExclusions())
                .containsExactly(new ExpertSelection.Exclusion("EXP-001", ExpertSelection.SAME_EMPLOYER));
        assertThat(jdbc.queryForObject("select count(*) from expert_draw where case_id = ?", Integer.class, caseId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select exclusions::text from expert_draw where case_id = ?", String.class,
                caseId)).contains("\"reason\": \"SAME_EMPLOYER\"");
    }

    @Test
    void shouldRedrawSomeoneNewAfterATimeout() {
        // given
        UUID caseId = newCase(APPLICANT);
        ExpertDraw first = service.draw(caseId, 1, 1);

        // when
        service.timedOut(caseId, 1, 1);
        service.timedOut(caseId, 1, 1);
        ExpertDraw redraw = service.draw(caseId, 1, 2);

        // then
        assertThat(redraw.getExpertId()).isNotEqualTo(first.getExpertId());
        assertThat(redraw.getExclusions()).contains(
                new ExpertSelection.Exclusion(first.getExpertId(), ExpertSelection.ALREADY_DRAWN));
        assertThat(service.draws(caseId)).extracting(ExpertDraw::getStatus)
                .containsExactly(ExpertDraw.Status.TIMED_OUT, ExpertDraw.Status.ASSIGNED);
        assertThat(service.isAssigned(caseId, first.getExpertUser())).isFalse();
        assertThat(service.isAssigned(caseId, redraw.getExpertUser())).isTrue();
        assertThatThrownBy(() -> service.scored(caseId, first.getExpertUser(), new BigDecimal("80.00"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("timed out");
    }

    @Test
    void shouldRecordNoExpertWhenThePoolIsExhausted() {
        // given: expert1 sits out, so seven of the eight can be drawn
        UUID caseId = newCase(APPLICANT);
        for (int slot = 1; slot <= 7; slot++) {
            assertThat(service.draw(caseId, slot, 1).getStatus()).isEqualTo(ExpertDraw.Status.ASSIGNED);
        }

        // when
        ExpertDraw none = service.draw(caseId, 8, 1);

        // then
        assertThat(none.getStatus()).isEqualTo(ExpertDraw.Status.NO_EXPERT);
        assertThat(none.getExpertId()).isNull();
        assertThat(none.getExpertUser()).isNull();
        assertThat(none.getExclusions()).hasSize(8);
    }

    @Test
    void shouldDrawTheSlotAtAFreshAttemptWhenItIsDrawnAgainAfterThePoolRanOut() {
        // given slot 8 found the pool exhausted and the officer asks to draw it again
        UUID caseId = newCase(APPLICANT);
        for (int slot = 1; slot <= 7; slot++) {
            service.drawSlot(caseId, slot, 1);
        }
        assertThat(service.drawSlot(caseId, 8, 1).getStatus()).isEqualTo(ExpertDraw.Status.NO_EXPERT);

        // when
        ExpertDraw again = service.drawSlot(caseId, 8, 1);

        // then the exhausted attempt stays on record and the slot is drawn at the next attempt
        assertThat(again.getAttempt()).isEqualTo(2);
        assertThat(again.getStatus()).isEqualTo(ExpertDraw.Status.NO_EXPERT);
        assertThat(service.draws(caseId)).filteredOn(d -> d.getSlot() == 8).hasSize(2);
    }

    @Test
    void shouldRecordTheScoreOfTheDrawnExpertOnce() {
        // given
        UUID caseId = newCase("91440300MA5F00002D");
        ExpertDraw draw = service.draw(caseId, 1, 1);
        Map<String, Object> criteria = Map.of("TECHNOLOGY", 90, "MARKET", "85.5", "PLAN", 70, "FINANCE", 60.25,
                "TEAM", 100);

        // when
        ExpertDraw scored = service.scored(caseId, draw.getExpertUser(), new BigDecimal("81.41"), criteria);
        ExpertDraw again = service.scored(caseId, draw.getExpertUser(), new BigDecimal("81.41"), criteria);

        // then
        assertThat(scored.getStatus()).isEqualTo(ExpertDraw.Status.SCORED);
        assertThat(again.getCompletedAt()).isEqualTo(scored.getCompletedAt());
        ExpertDraw stored = service.draws(caseId).get(0);
        assertThat(stored.getScore()).isEqualTo(new BigDecimal("81.41"));
        assertThat(stored.getCriteria()).containsEntry("MARKET", "85.5").containsKey("TEAM");
        assertThat(service.isAssigned(caseId, draw.getExpertUser())).isTrue();
        // a timeout after the score changes nothing
        service.timedOut(caseId, 1, 1);
        assertThat(service.draws(caseId).get(0).getStatus()).isEqualTo(ExpertDraw.Status.SCORED);
        assertThatThrownBy(() -> service.scored(caseId, draw.getExpertUser(), new BigDecimal("70.00"), criteria))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already scored");
    }

    @Test
    void shouldRefuseTheScoreOfAnExpertNotDrawnForTheCase() {
        // given
        UUID caseId = newCase(APPLICANT);
        service.draw(caseId, 1, 1);

        // when / then: expert1 works for the applicant and is never drawn
        assertThatThrownBy(() -> service.scored(caseId, "expert1", new BigDecimal("80.00"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expert1 has no open draw");
        assertThat(service.isAssigned(caseId, "expert1")).isFalse();
    }

    @Test
    void shouldAnswerTheSlotsExpertOnThePanelWhenASlotIsEnteredAgain() {
        // given a panel of two slots: slot 1 scored, slot 2 timed out at attempt 1 and drawn again at attempt 2
        UUID caseId = newCase(APPLICANT);
        ExpertDraw scored = service.draw(caseId, 1, 1);
        service.scored(caseId, scored.getExpertUser(), new BigDecimal("90.00"), Map.of("TECHNOLOGY", 90));
        service.draw(caseId, 2, 1);
        service.timedOut(caseId, 2, 1);
        ExpertDraw redrawn = service.draw(caseId, 2, 2);

        // when both slots are entered again from their first attempt (an expert review re-created after a restart)
        ExpertDraw slot1 = service.drawSlot(caseId, 1, 1);
        ExpertDraw slot2 = service.drawSlot(caseId, 2, 1);

        // then nobody new is drawn: slot 1 answers the score given, slot 2 its expert of attempt 2
        assertThat(slot1.getId()).isEqualTo(scored.getId());
        assertThat(slot1.getStatus()).isEqualTo(ExpertDraw.Status.SCORED);
        assertThat(slot1.getScore()).isEqualTo(new BigDecimal("90.00"));
        assertThat(slot2.getId()).isEqualTo(redrawn.getId());
        assertThat(service.draws(caseId)).hasSize(3);
    }

    @Test
    void shouldDrawTheNextAttemptWhenTheSlotsExpertWasReleased() {
        // given slot 1 whose expert timed out, the restart coming before the slot drew again
        UUID caseId = newCase(APPLICANT);
        ExpertDraw first = service.draw(caseId, 1, 1);
        service.timedOut(caseId, 1, 1);

        // when the slot is entered again from its first attempt
        ExpertDraw next = service.drawSlot(caseId, 1, 1);

        // then it draws attempt 2, someone else
        assertThat(next.getAttempt()).isEqualTo(2);
        assertThat(next.getStatus()).isEqualTo(ExpertDraw.Status.ASSIGNED);
        assertThat(next.getExpertId()).isNotEqualTo(first.getExpertId());
    }
}
