package cn.grants.domain.rounds;

import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.money.InvalidAmountException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a round pays a measure by stages (里程碑式 / 赛马式): the method and each stage's share of the approved amount,
 * the first paid when the funding plan is issued, each next one after its stage review. The seeds name the methods
 * ("采用“赛马制”等方式", "采用“里程碑式资助”或“赛马式资助”等方式") but state no split, so the split is the round's
 * data, never a constant; a round that states none pays the measure in one tranche.
 *
 * @param method MILESTONE: a failed milestone claws back what was paid; RACE: a stage review may stop the competitor,
 *     and the stages it completed stand
 * @param shares each stage's share, two to ten, each above 0 with at most two decimals, adding up to exactly 1
 */
public record StagePlan(Method method, List<BigDecimal> shares) {

    public enum Method { MILESTONE, RACE }

    /** The methods a measure's clause allows: 赛马制 → RACE; 里程碑式或赛马式 → either. */
    public static List<Method> allowed(Measure measure) {
        return switch (measure.mode()) {
            case HORSE_RACE -> List.of(Method.RACE);
            case MILESTONE -> List.of(Method.MILESTONE, Method.RACE);
            default -> List.of();
        };
    }

    /**
     * Reads a plan from a round request: {@code {"method": "RACE", "shares": ["0.40", "0.30", "0.30"]}}.
     *
     * @throws InvalidAmountException naming {@code field} (or its part) when the plan does not fit the measure
     */
    public static StagePlan parse(Measure measure, Object raw, String field) {
        List<Method> allowed = allowed(measure);
        if (allowed.isEmpty()) {
            throw new InvalidAmountException(field, "measure " + measure.id() + " (" + measure.source().clause()
                    + ", " + measure.mode() + ") is not funded by stages");
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidAmountException(field, "must be {\"method\": " + allowed + ", \"shares\": [\"0.40\", …]}");
        }
        Method method;
        try {
            method = Method.valueOf(String.valueOf(map.get("method")).trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            method = null;
        }
        if (method == null || !allowed.contains(method)) {
            throw new InvalidAmountException(field + ".method", "must be one of " + allowed + " for "
                    + measure.id() + " (" + measure.quote() + ")");
        }
        if (!(map.get("shares") instanceof List<?> list) || list.size() < 2 || list.size() > 10) {
            throw new InvalidAmountException(field + ".shares", "must list two to ten stage shares");
        }
        List<BigDecimal> shares = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < list.size(); i++) {
            BigDecimal share;
            try {
                share = new BigDecimal(String.valueOf(list.get(i)).trim());
            } catch (NumberFormatException e) {
                throw new InvalidAmountException(field + ".shares[" + i + "]", "must be a decimal such as 0.40");
            }
            if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) >= 0 || share.stripTrailingZeros().scale() > 2) {
                throw new InvalidAmountException(field + ".shares[" + i + "]",
                        "must be above 0 and below 1, with at most two decimals");
            }
            shares.add(share);
            sum = sum.add(share);
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw new InvalidAmountException(field + ".shares", "must add up to 1 (they add up to "
                    + sum.stripTrailingZeros().toPlainString() + ")");
        }
        return new StagePlan(method, List.copyOf(shares));
    }

    /** As stored on the round. */
    public Map<String, Object> toMap() {
        return Map.of("method", method.name(), "shares", shares.stream().map(BigDecimal::toPlainString).toList());
    }

    /** As stored on the round (written by {@link #toMap()}). */
    public static StagePlan fromMap(Map<?, ?> stored) {
        return new StagePlan(Method.valueOf(String.valueOf(stored.get("method"))),
                ((List<?>) stored.get("shares")).stream().map(s -> new BigDecimal(String.valueOf(s))).toList());
    }
}
