package cn.grants.domain.payouts;

import cn.grants.domain.catalogue.FundingMode;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.Rules;
import cn.grants.domain.money.Money;
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
 * <li>a milestone measure (里程碑式资助) pays {@link #MILESTONE_SHARES} of the amount: the first share when the plan is
 * issued (启动资金), each further one after an officer accepts the milestone's evidence;</li>
 * <li>a matching measure (配套) pays once the superior (national or provincial) funds are evidenced;</li>
 * <li>everything else is paid in one tranche.</li>
 * </ul>
 * Shares are rounded down to the fen; the last tranche takes what is left, so the tranches add up to the amount.
 */
public final class TranchePlanner {

    /** 40% to start, then 30% at each of two milestones. */
    public static final List<BigDecimal> MILESTONE_SHARES = List.of(new BigDecimal("0.40"), new BigDecimal("0.30"),
            new BigDecimal("0.30"));
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private TranchePlanner() {
    }

    public record Planned(int number, Tranche.Kind kind, BigDecimal amount, Instant due) {
    }

    public static List<Planned> plan(Measure measure, BigDecimal approved, Instant start) {
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
                BigDecimal share = year == years ? remaining : Money.min(remaining, annual);
                tranches.add(new Planned(year, Tranche.Kind.YEARLY, share, first.plusYears(year - 1L).toInstant()));
                remaining = remaining.subtract(share);
            }
        } else if (measure.mode() == FundingMode.MILESTONE) {
            BigDecimal remaining = amount;
            for (int i = 0; i < MILESTONE_SHARES.size(); i++) {
                BigDecimal share = i == MILESTONE_SHARES.size() - 1 ? remaining
                        : Money.round(amount.multiply(MILESTONE_SHARES.get(i)));
                tranches.add(new Planned(i + 1, i == 0 ? Tranche.Kind.ONE_OFF : Tranche.Kind.MILESTONE, share, null));
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
