package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** How a batch is cut is data per measure: a stated award is ranked (择优), an amount the clause leaves open pro rata. */
class BatchCutTest {

    @Test
    void shouldRankExactlyTheAwardsWhoseAmountTheClauseStates() throws IOException {
        PolicyCatalogue catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));

        // a fixed award ("分别给予…万元的一次性奖励", no 最高/不超过) is never cut; everything else may be
        List<String> stated = catalogue.measures().stream()
                .filter(m -> m.rule() instanceof Rules.Tiered)
                .filter(m -> !m.quote().contains("最高") && !m.quote().contains("不超过"))
                .map(Measure::id).toList();
        List<String> ranked = catalogue.measures().stream().filter(m -> m.batchCut() == BatchCut.RANKED)
                .map(Measure::id).toList();
        assertThat(ranked).containsExactlyInAnyOrderElementsOf(stated).containsExactlyInAnyOrder(
                "sz-equip-07-precision-machining-grade", "sz-equip-15-champion-product-national",
                "sz-equip-15-champion-product-municipal", "sz-mfg-02-output-milestone-award",
                "sz-mfg-13-champion-national", "sz-mfg-13-champion-municipal");
        assertThat(catalogue.find("sz-mfg-13-little-giant").orElseThrow().batchCut())
                .as("最高50万元 is a ceiling: the amount may be cut").isEqualTo(BatchCut.PRO_RATA);
    }
}
