package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** "单个平台/单个项目资助金额不超过…" caps a platform or project across its applications, not each application. */
class CumulativeCapTest {

    static PolicyCatalogue catalogue;

    @BeforeAll
    static void load() throws IOException {
        catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    @Test
    void shouldCapEveryPlatformAndProjectThatTheSeedCapsAcrossItsApplications() {
        Map<String, String> caps = catalogue.measures().stream().filter(m -> m.cumulativeCap() != null)
                .collect(Collectors.toMap(Measure::id, m -> m.cumulativeCap().key() + " "
                        + m.cumulativeCap().amount().toPlainString()));
        assertThat(caps).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sz-newmat-03-testing-evaluation-platform", "PLATFORM 30000000.00",
                "sz-newmat-10-production-application-platform", "PLATFORM 30000000.00",
                "sz-newmat-05-first-version-software", "PROJECT 3000000.00",
                "sz-newmat-06-key-technology-open-competition", "PROJECT 10000000.00",
                "sz-newmat-09-industrialisation-testing", "PROJECT 3000000.00"));
        catalogue.measures().stream().filter(m -> m.cumulativeCap() != null)
                .forEach(m -> assertThat(m.quote()).contains(m.cumulativeCap().quote()));
    }

    @Test
    void shouldGrantAPlatformsSecondPhaseOnlyWhatItsCapLeaves() {
        // given a testing platform granted 1500万 in its first phase, now asking 30% of 8000万 audited cost
        Measure platform = catalogue.find("sz-newmat-03-testing-evaluation-platform").orElseThrow();
        Map<String, String> secondPhase = Map.of("AUDITED_COST", "80000000.00");

        // when
        Calculation first = SubsidyCalculator.calculate(platform, secondPhase, null, null);
        Calculation second = SubsidyCalculator.calculate(platform, secondPhase, null, new java.math.BigDecimal("15000000.00"));

        // then alone it would get 2400万; after 1500万 only the 1500万 the 3000万 leaves
        assertThat(first.amount()).isEqualByComparingTo("24000000.00");
        assertThat(first.capped()).isFalse();
        assertThat(second.amount()).isEqualByComparingTo("15000000.00");
        assertThat(second.capped()).isTrue();
        assertThat(second.explanation()).contains("per-platform cap", "单个平台资助金额不超过3000万元",
                "already granted to it");
    }
}
