package cn.grants.domain.budgets;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a batch would commit: when the requests exceed what is left of the budget every case is cut by the same
 * ratio (按比例核减), rounded down to the fen, so the batch never commits more than remains.
 */
public record BatchPlan(String programme, int year, BigDecimal budget, BigDecimal remaining, BigDecimal requested,
        BigDecimal ratio, boolean cut, BigDecimal toCommit, List<Line> lines, String explanation) {

    public record Line(UUID caseId, BigDecimal requested, BigDecimal committed) {
    }
}
