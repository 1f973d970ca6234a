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
    /** The largest amount a money column keeps: 9,999,999,999,999,999.99. */
    public static final BigDecimal MAX = BigDecimal.TEN.pow(PRECISION - SCALE).subtract(new BigDecimal("0.01"));

    private Money() {
    }

    /** Parses an amount given as a JSON string or number; the field name goes into the error. */
    public static BigDecimal parse(String field, Object raw) {
        if (raw == null) {
            throw new InvalidAmountException(field, "is required");
        }
        BigDecimal value;
        if (raw instanceof BigDecimal bd) {
            value = bd;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof java.math.BigInteger) {
            value = new BigDecimal(raw.toString());
        } else if (raw instanceof Number n) {
            // doubles from a JSON parser: use their shortest decimal text, never binary arithmetic
            value = new BigDecimal(n.toString());
        } else if (raw instanceof String s) {
            String t = s.trim().replace(",", "");
            if (t.isEmpty()) {
                throw new InvalidAmountException(field, "is required");
            }
            try {
                value = new BigDecimal(t);
            } catch (NumberFormatException e) {
                throw new InvalidAmountException(field, "is not a number: '" + s + "'");
            }
        } else {
            throw new InvalidAmountException(field, "must be an amount in yuan (string or number)");
        }
        value = value.stripTrailingZeros();
        if (value.scale() > SCALE) {
            throw new InvalidAmountException(field, "has more than 2 decimals");
        }
        if (value.signum() < 0) {
            throw new InvalidAmountException(field, "must not be negative");
        }
        if (value.compareTo(MAX) > 0) {
            // refused at entry, never a database error or an incident at a later step
            throw new InvalidAmountException(field, "must not exceed " + format(MAX) + " (the largest amount kept)");
        }
        return value.setScale(SCALE, ROUNDING);
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
