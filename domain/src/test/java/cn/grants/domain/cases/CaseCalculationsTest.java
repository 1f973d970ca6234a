package cn.grants.domain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The case's calculation applies a soft limit a second officer let it exceed, every time: a calculation run again
 * (a retried job, a process re-created after an engine restart) keeps the approved years, not the default three.
 */
class CaseCalculationsTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void shouldKeepAnApprovedSoftLimitWhenTheCaseIsCalculatedAgain() throws IOException {
        // given 004（七）(30% of 200,000,000 = 60,000,000; 15,000,000 a year, "一般不超过三年") and a case of it
        PolicyCatalogue catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
        Measure measure = catalogue.find("sz-newmat-07-innovation-chain-industry-chain").orElseThrow();
        GrantCase grantCase = new GrantCase(UUID.randomUUID(), measure.id(), "applicant", "深圳市示例有限公司",
                "91440300MA5FTEST0X", "项目", Map.of("INVESTMENT", "200000000.00"), NOW);
        GrantCaseRepository cases = mock(GrantCaseRepository.class);
        when(cases.grantedToEnterprise(any(), any(), any())).thenReturn(BigDecimal.ZERO);
        LimitExceptionRepository exceptions = mock(LimitExceptionRepository.class);
        CaseCalculations calculations = new CaseCalculations(cases, exceptions);
        when(exceptions.findByCaseIdOrderByRequestedAtAsc(grantCase.getId())).thenReturn(List.of());
        BigDecimal before = calculations.calculate(grantCase, measure).amount();

        // when a second officer approved four years, and the case is calculated again
        LimitException fourYears = new LimitException(grantCase.getId(), measure.id(), measure.softLimit(),
                new BigDecimal("3"), new BigDecimal("4"), "产业化周期长", "officer", NOW);
        fourYears.decide(true, "officer2", "同意", NOW);
        when(exceptions.findByCaseIdOrderByRequestedAtAsc(grantCase.getId())).thenReturn(List.of(fourYears));
        BigDecimal after = calculations.calculate(grantCase, measure).amount();

        // then three years cap it at 45,000,000, the approved four at the 30% (60,000,000)
        assertThat(before).isEqualByComparingTo("45000000.00");
        assertThat(after).isEqualByComparingTo("60000000.00");
    }
}
