package cn.grants.domain.catalogue;

import java.math.BigDecimal;

/**
 * A limit the clause states as the normal case, not an absolute one ("原则上不超过5000万元", "支持年限一般不超过三年"):
 * the rule applies it by default, and an officer may exceed it for a case only with a reason and a second officer's
 * approval ({@code cn.grants.domain.cases.LimitExceptions}). The clause's "不超过/最高" limits stay absolute.
 *
 * @param kind which limit of the rule is soft: its {@code cap} (an amount) or its {@code maxYears}
 * @param quote the seed's words, taken from the measure's quote
 */
public record SoftLimit(Kind kind, String quote) {

    public enum Kind {
        /** The rule's cap (an amount in yuan). */
        CAP,
        /** The rule's number of years (a whole number). */
        YEARS
    }

    /** The limit the rule applies by default. */
    public BigDecimal defaultValue(Rule rule) {
        return switch (kind) {
            case CAP -> rule instanceof Rules.RateCap r ? r.cap()
                    : rule instanceof Rules.MultiYear m ? m.cap() : null;
            case YEARS -> rule instanceof Rules.MultiYear m && m.maxYears() != null
                    ? BigDecimal.valueOf(m.maxYears()) : null;
        };
    }

    /** The rule with this limit raised to {@code value}; every other limit of the rule stays as it is. */
    public Rule raise(Rule rule, BigDecimal value) {
        return switch (kind) {
            case CAP -> switch (rule) {
                case Rules.RateCap r -> new Rules.RateCap(r.basis(), r.rate(), value, r.perEnterpriseCap());
                case Rules.MultiYear m -> new Rules.MultiYear(m.basis(), m.rate(), value, m.annualCap(), m.maxYears(),
                        m.perEnterpriseCap());
                default -> throw new IllegalStateException("a soft cap needs a RATE_CAP or MULTI_YEAR rule");
            };
            case YEARS -> switch (rule) {
                case Rules.MultiYear m -> new Rules.MultiYear(m.basis(), m.rate(), m.cap(), m.annualCap(),
                        value.intValueExact(), m.perEnterpriseCap());
                default -> throw new IllegalStateException("soft years need a MULTI_YEAR rule");
            };
        };
    }

    /** "原则上" / "一般": the words that make a limit soft. */
    public static boolean soft(String words) {
        return words != null && (words.contains("原则上") || words.contains("一般"));
    }
}
