package cn.grants.domain.catalogue;

import static cn.grants.domain.money.Money.format;

import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.util.Map;

/** Applies a measure's rule to raw inputs, then the per-enterprise cap across the enterprise's other grants. */
public final class SubsidyCalculator {

    private SubsidyCalculator() {
    }

    /**
     * @param alreadyGranted what the same enterprise was already granted in the same measure (other cases)
     */
    public static Calculation calculate(Measure measure, Map<String, ?> rawInputs, BigDecimal alreadyGranted) {
        return calculate(measure, rawInputs, alreadyGranted, null);
    }

    /**
     * @param alreadyGranted what the same enterprise was already granted in the same measure (other cases)
     * @param grantedToSubject what the same platform or project was already granted in the same measure (the
     *     enterprise's other cases with the same subject), for the measure's cumulative cap
     */
    public static Calculation calculate(Measure measure, Map<String, ?> rawInputs, BigDecimal alreadyGranted,
            BigDecimal grantedToSubject) {
        Rule rule = measure.rule();
        Calculation c = enterpriseCapped(rule, rule.calculate(InputParser.parse(rule, rawInputs)), alreadyGranted);
        return upTo(measure, cumulativeCapped(measure, c, grantedToSubject));
    }

    /** "最高/不超过" is a ceiling, not an award: the explanation says so, and who determines the amount. */
    private static Calculation upTo(Measure measure, Calculation c) {
        return switch (measure.determination()) {
            case NONE -> c;
            case OPTIONAL -> new Calculation(c.amount(), c.capped(), c.explanation() + " — up to (最高/不超过): a ceiling,"
                    + " an officer may determine less (核定)", c.schedule(), c.cash());
            case REQUIRED -> new Calculation(c.amount(), c.capped(), c.explanation() + " — up to (最高/不超过): only a"
                    + " ceiling, an officer determines the amount (核定)", c.schedule(), c.cash());
        };
    }

    private static Calculation cumulativeCapped(Measure measure, Calculation c, BigDecimal grantedToSubject) {
        CumulativeCap cumulative = measure.cumulativeCap();
        if (cumulative == null || !c.cash()) {
            return c;
        }
        BigDecimal granted = grantedToSubject == null ? Money.ZERO : grantedToSubject;
        BigDecimal room = Money.round(cumulative.amount().subtract(granted).max(BigDecimal.ZERO));
        if (c.amount().compareTo(room) <= 0) {
            return c;
        }
        String text = c.explanation() + "; " + cumulative.label() + " " + format(cumulative.amount()) + " ("
                + cumulative.quote() + ") less " + format(granted) + " already granted to it leaves " + format(room)
                + " = " + format(room);
        return new Calculation(room, true, text, c.schedule(), true);
    }

    private static Calculation enterpriseCapped(Rule rule, Calculation c, BigDecimal alreadyGranted) {
        BigDecimal enterpriseCap = rule.perEnterpriseCap();
        if (enterpriseCap == null || !c.cash()) {
            return c;
        }
        BigDecimal granted = alreadyGranted == null ? Money.ZERO : alreadyGranted;
        BigDecimal room = Money.round(enterpriseCap.subtract(granted).max(BigDecimal.ZERO));
        if (c.amount().compareTo(room) <= 0) {
            return c;
        }
        String text = c.explanation() + "; per-enterprise cap " + format(enterpriseCap) + " less "
                + format(granted) + " already granted leaves " + format(room) + " = " + format(room);
        return new Calculation(room, true, text, c.schedule(), true);
    }
}
