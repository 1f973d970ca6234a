package cn.grants.domain.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import cn.grants.domain.catalogue.FundingMode;
import cn.grants.domain.catalogue.Measure;
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
    void shouldSplitAMilestoneAwardFortyThirtyThirtyWithTheRemainderLast() {
        // given 里程碑式资助 (seed 004 （六）)
        Measure milestone = catalogue.measures().stream().filter(m -> m.mode() == FundingMode.MILESTONE).findFirst()
                .orElseThrow();

        // when
        List<TranchePlanner.Planned> tranches = TranchePlanner.plan(milestone, new BigDecimal("1000000.01"), START);

        // then
        assertThat(tranches).extracting(TranchePlanner.Planned::kind, t -> t.amount().toPlainString()).containsExactly(
                tuple(Tranche.Kind.ONE_OFF, "400000.00"), tuple(Tranche.Kind.MILESTONE, "300000.00"),
                tuple(Tranche.Kind.MILESTONE, "300000.01"));
        assertThat(tranches.stream().map(TranchePlanner.Planned::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1000000.01");
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
