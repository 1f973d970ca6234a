package cn.grants.domain.payouts;

import cn.grants.domain.catalogue.FundingMode;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.Rules;
import cn.grants.domain.money.Money;
import cn.grants.domain.rounds.StagePlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How an approved amount is paid:
 * <ul>
 * <li>a multi-year measure (MULTI_YEAR rule) pays yearly tranches of at most the annual cap, the first now and each
 * next one a year later, for at most the measure's number of years;</li>
 * <li>a measure the round pays by stages ({@link StagePlan}, 里程碑式 or 赛马式) pays each stage's share of the amount,
 * as the round states it: the first when the plan is issued (启动资金), each further one after an officer accepts the
 * milestone (MILESTONE) or the stage review lets the competitor go on (STAGE);</li>
 * <li>a matching measure (配套) pays once the superior (national or provincial) funds are evidenced;</li>
 * <li>everything else is paid in one tranche.</li>
 * </ul>
 * Shares are rounded down to the fen; the last tranche takes what is left, so the tranches add up to the amount.
 */
public final class TranchePlanner {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private TranchePlanner() {
    }

    public record Planned(int number, Tranche.Kind kind, BigDecimal amount, Instant due) {
    }

    public static List<Planned> plan(Measure measure, BigDecimal approved, Instant start) {
        return plan(measure, approved, start, null);
    }

    /** @param stages how the round pays the measure by stages, or null (one tranche) */
    public static List<Planned> plan(Measure measure, BigDecimal approved, Instant start, StagePlan stages) {
        BigDecimal amount = Money.round(approved);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("nothing to disburse: approved amount " + amount);
        }
        List<Planned> tranches = new ArrayList<>();
        if (measure.rule() instanceof Rules.MultiYear multiYear) {
            int years = multiYear.maxYears() == null ? 3 : multiYear.maxYears();
            BigDecimal annual = Money.round(multiYear.annualCap());
            BigDecimal remaining = amount;
            ZonedDateTime first = start.atZone(BEIJING);
            for (int year = 1; remaining.signum() > 0; year++) {
                if (year > years) {
                    // "每年度资助金额最高不超过…" is absolute: more than the years allow at the annual cap is refused
                    throw new IllegalArgumentException(amount + " is more than " + years + " years at most "
                            + annual + " a year");
                }
                BigDecimal share = Money.min(remaining, annual);
                tranches.add(new Planned(year, Tranche.Kind.YEARLY, share, first.plusYears(year - 1L).toInstant()));
                remaining = remaining.subtract(share);
            }
        } else if (stages != null) {
            Tranche.Kind later = stages.method() == StagePlan.Method.MILESTONE ? Tranche.Kind.MILESTONE
                    : Tranche.Kind.STAGE;
            List<BigDecimal> shares = stages.shares();
            BigDecimal remaining = amount;
            for (int i = 0; i < shares.size(); i++) {
                BigDecimal share = i == shares.size() - 1 ? remaining
                        : amount.multiply(shares.get(i)).setScale(2, java.math.RoundingMode.DOWN);
                tranches.add(new Planned(i + 1, i == 0 ? Tranche.Kind.ONE_OFF : later, share, null));
                remaining = remaining.subtract(share);
            }
        } else if (measure.mode() == FundingMode.MATCHING) {
            tranches.add(new Planned(1, Tranche.Kind.MATCHING, amount, null));
        } else {
            tranches.add(new Planned(1, Tranche.Kind.ONE_OFF, amount, null));
        }
        return tranches;
    }
}
