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
        Rule rule = measure.rule();
        Calculation c = rule.calculate(InputParser.parse(rule, rawInputs));
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
