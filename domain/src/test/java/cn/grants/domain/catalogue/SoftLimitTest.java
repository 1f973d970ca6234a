package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** "一般/原则上" makes a limit soft; every clause that says so has its soft limit in the data, and no other does. */
class SoftLimitTest {

    @Test
    void shouldDeclareASoftLimitExactlyWhereTheClauseSaysOneOrInPrinciple() throws IOException {
        // given the shipped catalogue
        PolicyCatalogue catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));

        // when the measures whose quote says 一般/原则上 are compared with those declaring a soft limit
        List<String> worded = catalogue.measures().stream().filter(m -> SoftLimit.soft(m.quote())).map(Measure::id)
                .toList();
        List<String> declared = catalogue.measures().stream().filter(m -> m.softLimit() != null).map(Measure::id)
                .toList();

        // then they are the same: 003 第6条 (cap) and 004（七）(years), each quoting its words
        assertThat(declared).isEqualTo(worded).containsExactly("sz-mfg-06-innovation-centre",
                "sz-newmat-07-innovation-chain-industry-chain");
        assertThat(catalogue.find("sz-mfg-06-innovation-centre").orElseThrow().softLimit())
                .isEqualTo(new SoftLimit(SoftLimit.Kind.CAP, "原则上不超过5000万元"));
        assertThat(catalogue.find("sz-newmat-07-innovation-chain-industry-chain").orElseThrow().softLimit())
                .isEqualTo(new SoftLimit(SoftLimit.Kind.YEARS, "支持年限一般不超过三年"));
    }
}
