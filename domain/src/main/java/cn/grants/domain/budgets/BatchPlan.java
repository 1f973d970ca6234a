package cn.grants.domain.budgets;

import cn.grants.domain.catalogue.BatchCut;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a batch would commit: when the requests exceed what is left of the budget the measure's cut applies (its
 * {@link BatchCut}): every case by the same ratio (按比例核减), rounded down to the fen, or, for a stated award, the
 * cases in order of their expert score, each in full while the budget lasts (择优; no ratio then). Never more than
 * remains. {@code method} is null for a measure not limited by a budget.
 */
public record BatchPlan(String programme, int year, BigDecimal budget, BigDecimal remaining, BigDecimal requested,
        BigDecimal ratio, boolean cut, BigDecimal toCommit, List<Line> lines, String explanation, BatchCut method) {

    public record Line(UUID caseId, BigDecimal requested, BigDecimal committed) {
    }
}
