package cn.grants.domain.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import cn.grants.domain.catalogue.FundingMode;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.rounds.StagePlan;
import cn.grants.domain.catalogue.PolicyCatalogue;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** How approved amounts are split into tranches, on the real catalogue entries. */
class TranchePlannerTest {

    static PolicyCatalogue catalogue;
    static final Instant START = Instant.parse("2026-11-22T02:00:00Z");

    @BeforeAll
    static void load() throws IOException {
        catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    static Measure measure(String id) {
        return catalogue.find(id).orElseThrow();
    }

    @Test
    void shouldPayAMultiYearAwardInYearlyTranchesOfAtMostTheAnnualCap() {
        // given 30% of 120,000,000 = 36,000,000 at ≤15,000,000 a year (seed 004 （七）)
        Measure multiYear = measure("sz-newmat-07-innovation-chain-industry-chain");

        // when
        List<TranchePlanner.Planned> tranches = TranchePlanner.plan(multiYear, new BigDecimal("36000000.00"), START);

        // then: one a year, the first now
        assertThat(tranches).extracting(TranchePlanner.Planned::number, TranchePlanner.Planned::kind,
                t -> t.amount().toPlainString()).containsExactly(
                        tuple(1, Tranche.Kind.YEARLY, "15000000.00"),
                        tuple(2, Tranche.Kind.YEARLY, "15000000.00"),
                        tuple(3, Tranche.Kind.YEARLY, "6000000.00"));
        assertThat(tranches).extracting(TranchePlanner.Planned::due).containsExactly(START,
                Instant.parse("2027-11-22T02:00:00Z"), Instant.parse("2028-11-22T02:00:00Z"));
    }

    @Test
    void shouldSplitAStagedAwardAsTheRoundStatesWithTheRemainderLast() {
        // given 里程碑式资助 (seed 004 （六）), which the round pays 40/30/30 (its data: the seed states no split)
        Measure milestone = catalogue.measures().stream().filter(m -> m.mode() == FundingMode.MILESTONE).findFirst()
                .orElseThrow();
        StagePlan plan = new StagePlan(StagePlan.Method.MILESTONE, List.of(new BigDecimal("0.40"),
                new BigDecimal("0.30"), new BigDecimal("0.30")));

        // when
        List<TranchePlanner.Planned> tranches = TranchePlanner.plan(milestone, new BigDecimal("1000000.01"), START, plan);

        // then
        assertThat(tranches).extracting(TranchePlanner.Planned::kind, t -> t.amount().toPlainString()).containsExactly(
                tuple(Tranche.Kind.ONE_OFF, "400000.00"), tuple(Tranche.Kind.MILESTONE, "300000.00"),
                tuple(Tranche.Kind.MILESTONE, "300000.01"));
        assertThat(tranches.stream().map(TranchePlanner.Planned::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1000000.01");
    }

    @Test
    void shouldPayARaceByTheRoundsStagesAndAStagedMeasureWithoutThemInOneTranche() {
        // given 赛马制 (seed 000（三）): a round splitting it 50/25/25, and a round stating no stages
        Measure race = catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow();
        StagePlan plan = new StagePlan(StagePlan.Method.RACE, List.of(new BigDecimal("0.50"), new BigDecimal("0.25"),
                new BigDecimal("0.25")));

        // when
        List<TranchePlanner.Planned> staged = TranchePlanner.plan(race, new BigDecimal("3000000.00"), START, plan);
        List<TranchePlanner.Planned> whole = TranchePlanner.plan(race, new BigDecimal("3000000.00"), START, null);

        // then
        assertThat(staged).extracting(TranchePlanner.Planned::kind, t -> t.amount().toPlainString()).containsExactly(
                tuple(Tranche.Kind.ONE_OFF, "1500000.00"), tuple(Tranche.Kind.STAGE, "750000.00"),
                tuple(Tranche.Kind.STAGE, "750000.00"));
        assertThat(whole).extracting(TranchePlanner.Planned::kind, t -> t.amount().toPlainString())
                .containsExactly(tuple(Tranche.Kind.ONE_OFF, "3000000.00"));
    }

    @Test
    void shouldNeverPayMoreThanTheAnnualCapInAYear() {
        // given 004（七）: at most 15,000,000 a year for three years
        Measure multiYear = catalogue.find("sz-newmat-07-innovation-chain-industry-chain").orElseThrow();

        // when / then: 46,000,000 cannot be paid in three yearly tranches of at most 15,000,000
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TranchePlanner.plan(multiYear,
                new BigDecimal("46000000.00"), START)).hasMessageContaining("3 years");
        // and with a fourth year (一般不超过三年 exceeded with a second officer's approval) it is 15/15/15/1
        Measure fourYears = multiYear.withRule(multiYear.softLimit().raise(multiYear.rule(), new BigDecimal("4")));
        assertThat(TranchePlanner.plan(fourYears, new BigDecimal("46000000.00"), START))
                .extracting(t -> t.amount().toPlainString())
                .containsExactly("15000000.00", "15000000.00", "15000000.00", "1000000.00");
    }

    @Test
    void shouldPayAMatchingAwardOnceAfterEvidenceAndAnythingElseAtOnce() {
        // given
        Measure matching = catalogue.measures().stream().filter(m -> m.mode() == FundingMode.MATCHING).findFirst()
                .orElseThrow();
        Measure oneOff = measure("sz-equip-03-major-equipment-rd");

        // then
        assertThat(TranchePlanner.plan(matching, new BigDecimal("500000.00"), START))
                .extracting(TranchePlanner.Planned::kind).containsExactly(Tranche.Kind.MATCHING);
        assertThat(TranchePlanner.plan(oneOff, new BigDecimal("2666666.66"), START))
                .extracting(TranchePlanner.Planned::kind, t -> t.amount().toPlainString())
                .containsExactly(tuple(Tranche.Kind.ONE_OFF, "2666666.66"));
        assertThatThrownBy(() -> TranchePlanner.plan(oneOff, BigDecimal.ZERO, START))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
