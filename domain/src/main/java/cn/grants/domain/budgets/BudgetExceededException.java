package cn.grants.domain.budgets;

import java.math.BigDecimal;

/** An approval would commit more than the budget has left. */
public class BudgetExceededException extends RuntimeException {

    private final BigDecimal remaining;

    public BudgetExceededException(String programme, int year, BigDecimal requested, BigDecimal remaining) {
        super("budget " + programme + "/" + year + " has " + remaining.toPlainString() + " left, "
                + requested.toPlainString() + " requested");
        this.remaining = remaining;
    }

    public BigDecimal remaining() {
        return remaining;
    }
}
