package cn.grants.domain.catalogue;

import java.math.BigDecimal;
import java.util.List;

/**
 * The result of applying a rule: the amount (yuan, 2 decimals), whether a cap bound it, a human-readable
 * explanation with the numbers, and for multi-year measures the yearly schedule.
 */
public record Calculation(BigDecimal amount, boolean capped, String explanation, List<YearAmount> schedule,
        boolean cash) {

    public record YearAmount(int year, BigDecimal amount) {
    }

    public static Calculation of(BigDecimal amount, boolean capped, String explanation) {
        return new Calculation(amount, capped, explanation, List.of(), true);
    }
}
