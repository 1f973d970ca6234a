package cn.grants.domain.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads a non-negative decimal from input (a JSON number or a string) and bounds it <b>before any arithmetic</b>:
 * the digits before the point and the decimals are counted on the number as written, so a value such as
 * {@code 1e999999999} is refused at once instead of being expanded (which would keep a core busy for minutes).
 * Strings hold ASCII digits with an optional point only: no exponent, sign, separator, full-width digit or space
 * inside; NaN and infinities are refused. Every refusal names the field.
 */
public final class Decimals {

    /** Plain ASCII decimal text; the length bound keeps even the regular expression cheap. */
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,40}(\\.[0-9]{1,40})?");

    private Decimals() {
    }

    /**
     * @param integerDigits how many digits the value may have before the decimal point (the database column's
     *                      precision minus its scale)
     * @param scale         how many decimals it may have (trailing zeros beyond them are accepted)
     */
    public static BigDecimal parse(String field, Object raw, int integerDigits, int scale) {
        BigDecimal value = read(field, raw);
        if (value.signum() < 0) {
            throw new InvalidAmountException(field, "must not be negative");
        }
        // precision - scale = digits before the point, read off the representation: no expansion
        if ((long) value.precision() - value.scale() > integerDigits) {
            String largest = String.format("%,." + scale + "f",
                    new BigDecimal("9".repeat(integerDigits) + (scale > 0 ? "." + "9".repeat(scale) : "")));
            throw new InvalidAmountException(field, "is too large: it must not exceed " + largest);
        }
        if (value.scale() > scale) {
            BigDecimal stripped = value.stripTrailingZeros(); // bounded: at most as many digits as were written
            if (stripped.scale() > scale) {
                throw new InvalidAmountException(field, scale == 0 ? "must be a whole number"
                        : "has more than " + scale + " decimals");
            }
            value = stripped;
        }
        return value;
    }

    private static BigDecimal read(String field, Object raw) {
        if (raw == null) {
            throw new InvalidAmountException(field, "is required");
        }
        if (raw instanceof BigDecimal bd) {
            return bd;
        }
        if (raw instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidAmountException(field, "is not a number (NaN and infinities are refused)");
            }
            // the shortest decimal text of the double, never binary arithmetic
            return new BigDecimal(Double.toString(d));
        }
        if (raw instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                throw new InvalidAmountException(field, "is required");
            }
            if (t.length() > 81 || !PLAIN.matcher(t).matches()) {
                throw new InvalidAmountException(field, "is not a number written with the digits 0-9 and an optional "
                        + "decimal point: '" + abbreviate(s) + "'");
            }
            return new BigDecimal(t);
        }
        throw new InvalidAmountException(field, "must be a number (a JSON number or a string of digits)");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
