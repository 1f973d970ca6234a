package cn.grants.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.grants.domain.catalogue.Determination;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** 核定: "最高/不超过" is a ceiling; an officer determines the amount within it, with the reason, before the batch. */
class AmountDeterminationTest {

    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");

    static GrantCase calculated(String ceiling) {
        GrantCase c = GrantCaseStateMachineTest.caseAt(Stage.CALCULATION);
        c.calculated("v", "sz-mfg-13-little-giant@13.", new BigDecimal(ceiling), false,
                "NATIONAL_LITTLE_GIANT (国家专精特新“小巨人”企业): 500,000.00", NOW);
        return c;
    }

    @Test
    void shouldDetermineAnAmountWithinTheCeilingWithTheReasonAndExplainIt() {
        // given a little giant's award, 给予最高50万元奖励
        GrantCase c = calculated("500000.00");

        // when
        c.determine(new BigDecimal("300000.00"), "按评审得分与企业规模核定", "officer", NOW);

        // then the batch asks the determined amount; the explanation shows min(determined, ceiling)
        assertThat(c.requestedAmount()).isEqualByComparingTo("300000.00");
        assertThat(c.getDeterminationReason()).isEqualTo("按评审得分与企业规模核定");
        assertThat(c.getDeterminedBy()).isEqualTo("officer");
        assertThat(c.getExplanation()).endsWith(
                "; 核定 determined: min(determined 300000.00, ceiling 500000.00) = 300000.00 (按评审得分与企业规模核定)");
        // determined again: the last one stands, explained once
        c.determine(new BigDecimal("250000.00"), "复核后调整", "officer2", NOW);
        assertThat(c.getExplanation()).containsOnlyOnce("核定 determined").contains("= 250000.00 (复核后调整)");
    }

    @Test
    void shouldNeverDetermineAboveTheCeilingWithoutAReasonOrAfterTheBatch() {
        GrantCase c = calculated("500000.00");
        assertThatThrownBy(() -> c.determine(new BigDecimal("500000.01"), "多给一分", "officer", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ceiling 500000.00");
        assertThatThrownBy(() -> c.determine(new BigDecimal("-1.00"), "负数", "officer", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.determine(new BigDecimal("1.00"), " ", "officer", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThat(c.getDeterminedAmount()).isNull();

        c.moveTo(Stage.AWAITING_BATCH, null, NOW);
        c.approved(new BigDecimal("500000.00"), NOW);
        assertThatThrownBy(() -> c.determine(new BigDecimal("1.00"), "批次后", "officer", NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("batch was decided");
        assertThatThrownBy(() -> GrantCaseStateMachineTest.caseAt(Stage.EXPERT_REVIEW)
                .determine(BigDecimal.ONE, "太早", "officer", NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldForgetADeterminationWhenTheCaseIsCalculatedAgain() {
        GrantCase c = calculated("500000.00");
        c.determine(new BigDecimal("300000.00"), "核定", "officer", NOW);
        c.calculated("v", "rule", new BigDecimal("200000.00"), false, "recalculated", NOW);
        assertThat(c.getDeterminedAmount()).isNull();
        assertThat(c.requestedAmount()).isEqualByComparingTo("200000.00");
    }

    @Test
    void shouldDetermineWhereTheClauseGivesOnlyACeilingAndDefaultToItWhereARateComputesIt() throws IOException {
        PolicyCatalogue catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
        List<String> required = catalogue.measures().stream()
                .filter(m -> m.determination() == Determination.REQUIRED).map(Measure::id).toList();

        // 003 第9条 (three), 第10条, 第13条 小巨人 and 省专精特新, 004（十一）: only a ceiling
        assertThat(required).containsExactlyInAnyOrder("sz-mfg-09-industrial-internet-service-provider",
                "sz-mfg-09-industrial-internet-application", "sz-mfg-09-industrial-internet-events-platform",
                "sz-mfg-10-green-demonstration-award", "sz-mfg-13-little-giant", "sz-mfg-13-provincial-specialised",
                "sz-newmat-11-testing-standards");
        // a rate stated as a ceiling: the calculation is the default, an officer may determine less
        assertThat(catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow().determination())
                .isEqualTo(Determination.OPTIONAL);
        // a stated award is paid as stated
        assertThat(catalogue.find("sz-mfg-13-champion-national").orElseThrow().determination())
                .isEqualTo(Determination.NONE);
        assertThat(catalogue.find("sz-mfg-14-consortium-price-deduction").orElseThrow().determination())
                .as("no money, nothing to determine").isEqualTo(Determination.NONE);
    }
}
