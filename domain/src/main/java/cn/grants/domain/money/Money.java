package cn.grants.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money is yuan as {@link BigDecimal} with exactly two decimals (fen).
 *
 * <p>Rounding rule: a computed amount (rate × base, ratio × funds) is rounded <b>down</b> to the fen
 * ({@link RoundingMode#DOWN}), so that a grant never exceeds the share the policy allows ("不超过").
 * Input amounts are never rounded: more than two decimals is an input error.
 */
public final class Money {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.DOWN;
    public static final BigDecimal ZERO = new BigDecimal("0.00");
    /** Money columns are {@code numeric(18, 2)}: 16 digits before the point. */
    public static final int PRECISION = 18;
    public static final int INTEGER_DIGITS = PRECISION - SCALE;
    /** The largest amount a money column keeps: 9,999,999,999,999,999.99. */
    public static final BigDecimal MAX = BigDecimal.TEN.pow(INTEGER_DIGITS).subtract(new BigDecimal("0.01"));

    private Money() {
    }

    /**
     * Parses an amount given as a JSON number or a string of digits, bounded before any arithmetic (see
     * {@link Decimals}); the field name goes into the error.
     */
    public static BigDecimal parse(String field, Object raw) {
        return Decimals.parse(field, raw, INTEGER_DIGITS, SCALE).setScale(SCALE, ROUNDING);
    }

    public static BigDecimal of(String literal) {
        return new BigDecimal(literal).setScale(SCALE, ROUNDING);
    }

    public static BigDecimal round(BigDecimal value) {
        return value.setScale(SCALE, ROUNDING);
    }

    /** 60,000,000.00 */
    public static String format(BigDecimal amount) {
        return String.format("%,.2f", amount.setScale(SCALE, ROUNDING));
    }

    /** 30% (rates shown as percentages, without trailing zeros). */
    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
