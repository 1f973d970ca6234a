package cn.grants.domain.catalogue;

import static cn.grants.domain.money.Money.format;
import static cn.grants.domain.money.Money.percent;

import cn.grants.domain.catalogue.Calculation.YearAmount;
import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The rule types of the catalogue. Every product is rounded down to the fen ({@link Money#ROUNDING}). */
public final class Rules {

    private Rules() {
    }

    /** min(rate × amount, cap) with its explanation; cap may be null. */
    static Calculation rateWithCap(BigDecimal rate, String baseText, BigDecimal base, BigDecimal cap) {
        BigDecimal raw = Money.round(rate.multiply(base));
        String product = percent(rate) + " × " + baseText;
        if (cap == null) {
            return Calculation.of(raw, false, product + " = " + format(raw));
        }
        boolean capped = raw.compareTo(cap) > 0;
        BigDecimal amount = capped ? Money.round(cap) : raw;
        return Calculation.of(amount, capped, "min(" + product + ", " + format(cap) + ") = " + format(amount));
    }

    /** 按照不超过 basis 的 rate，最高 cap. */
    public record RateCap(String basis, BigDecimal rate, BigDecimal cap, BigDecimal perEnterpriseCap) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount(basis));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal base = in.amount(basis);
            return rateWithCap(rate, format(base), base, cap);
        }
    }

    /** 单台（套）按市场价格的 rate、最高不超过 perUnitCap: min(rate × price, perUnitCap) × units, then min cap. */
    public record UnitPrice(BigDecimal rate, BigDecimal perUnitCap, BigDecimal cap, BigDecimal perEnterpriseCap)
            implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount("MARKET_PRICE"), new InputSpec("UNITS", InputSpec.Kind.COUNT, List.of()));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal price = in.amount("MARKET_PRICE");
            if (in.units() == null) {
                throw new InvalidAmountException("inputs.UNITS", "is required");
            }
            BigDecimal perUnitRaw = Money.round(rate.multiply(price));
            boolean unitCapped = perUnitCap != null && perUnitRaw.compareTo(perUnitCap) > 0;
            BigDecimal perUnit = unitCapped ? Money.round(perUnitCap) : perUnitRaw;
            String perUnitText = perUnitCap == null
                    ? percent(rate) + " × " + format(price)
                    : "min(" + percent(rate) + " × " + format(price) + ", " + format(perUnitCap) + ")";
            BigDecimal total = Money.round(perUnit.multiply(BigDecimal.valueOf(in.units())));
            String text = perUnitText + " × " + in.units();
            if (cap != null && total.compareTo(cap) > 0) {
                BigDecimal amount = Money.round(cap);
                return Calculation.of(amount, true, "min(" + text + ", " + format(cap) + ") = " + format(amount));
            }
            return Calculation.of(total, unitCapped, text + " = " + format(total));
        }
    }

    /** 任意 maxContracts 个销售合同累计到账额的 rate，最高 cap. */
    public record ContractSum(BigDecimal rate, BigDecimal cap, Integer maxContracts, BigDecimal perEnterpriseCap)
            implements Rule {
        public int contractLimit() {
            return maxContracts == null ? 3 : maxContracts;
        }

        @Override
        public List<InputSpec> inputs() {
            return List.of(new InputSpec("CONTRACT_RECEIPTS", InputSpec.Kind.AMOUNT_LIST, List.of()));
        }

        @Override
        public Calculation calculate(Inputs in) {
            List<BigDecimal> receipts = in.contracts();
            if (receipts == null || receipts.isEmpty()) {
                throw new InvalidAmountException("inputs.CONTRACT_RECEIPTS", "is required");
            }
            BigDecimal sum = receipts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            String text = receipts.size() == 1 ? format(sum)
                    : "(" + receipts.stream().map(Money::format).collect(Collectors.joining(" + ")) + ")";
            return rateWithCap(rate, text, sum, cap);
        }
    }

    /** A fixed award (or a rate) chosen by tier. */
    public record Tiered(List<Tier> tiers, BigDecimal perEnterpriseCap) implements Rule {
        public record Tier(String code, String name, BigDecimal amount, String basis, BigDecimal rate, BigDecimal cap) {
        }

        @Override
        public List<InputSpec> inputs() {
            List<InputSpec> specs = new ArrayList<>();
            specs.add(new InputSpec("TIER", InputSpec.Kind.TIER, tiers.stream().map(Tier::code).toList()));
            tiers.stream().map(Tier::basis).filter(b -> b != null).distinct().map(InputSpec::amount).forEach(specs::add);
            return specs;
        }

        public Tier tier(String code) {
            return tiers.stream().filter(t -> t.code().equals(code)).findFirst()
                    .orElseThrow(() -> new InvalidAmountException("inputs.TIER",
                            "is not one of " + tiers.stream().map(Tier::code).toList()));
        }

        @Override
        public Calculation calculate(Inputs in) {
            if (in.tier() == null) {
                throw new InvalidAmountException("inputs.TIER", "is required");
            }
            Tier tier = tier(in.tier());
            if (tier.amount() != null) {
                BigDecimal amount = Money.round(tier.amount());
                return Calculation.of(amount, false, tier.code() + " (" + tier.name() + "): " + format(amount));
            }
            BigDecimal base = in.amount(tier.basis());
            Calculation c = rateWithCap(tier.rate(), format(base), base, tier.cap());
            return Calculation.of(c.amount(), c.capped(), tier.code() + " (" + tier.name() + "): " + c.explanation());
        }
    }

    /** 按 ratio:1 配套 superior funds already disbursed, up to cap. */
    public record Matching(BigDecimal ratio, BigDecimal cap, BigDecimal perEnterpriseCap) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount("SUPERIOR_FUNDS_DISBURSED"));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal funds = in.amount("SUPERIOR_FUNDS_DISBURSED");
            BigDecimal raw = Money.round(ratio.multiply(funds));
            String text = ratio.stripTrailingZeros().toPlainString() + ":1 × " + format(funds);
            if (cap != null && raw.compareTo(cap) > 0) {
                BigDecimal amount = Money.round(cap);
                return Calculation.of(amount, true, "min(" + text + ", " + format(cap) + ") = " + format(amount));
            }
            return Calculation.of(raw, false, text + " = " + format(raw));
        }
    }

    /** 贴息: rate × interest paid on loans or finance leases, up to cap. */
    public record Interest(BigDecimal rate, BigDecimal cap, BigDecimal perEnterpriseCap) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount("INTEREST"));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal interest = in.amount("INTEREST");
            return rateWithCap(rate, format(interest), interest, cap);
        }
    }

    /**
     * 总额不超过 basis 的 rate（最高 cap）; 每年度最高不超过 annualCap，支持年限不超过 maxYears. The total is paid
     * as yearly tranches, each year the most the annual cap allows, over at most maxYears years.
     */
    public record MultiYear(String basis, BigDecimal rate, BigDecimal cap, BigDecimal annualCap, Integer maxYears,
            BigDecimal perEnterpriseCap) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount(basis));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal base = in.amount(basis);
            int years = maxYears == null ? 3 : maxYears;
            BigDecimal raw = Money.round(rate.multiply(base));
            BigDecimal limit = Money.round(annualCap.multiply(BigDecimal.valueOf(years)));
            if (cap != null) {
                limit = Money.min(limit, Money.round(cap));
            }
            boolean capped = raw.compareTo(limit) > 0;
            BigDecimal total = capped ? limit : raw;
            List<YearAmount> schedule = new ArrayList<>();
            BigDecimal remaining = total;
            for (int year = 1; year <= years && remaining.signum() > 0; year++) {
                BigDecimal tranche = Money.min(remaining, Money.round(annualCap));
                schedule.add(new YearAmount(year, tranche));
                remaining = remaining.subtract(tranche);
            }
            String text = "min(" + percent(rate) + " × " + format(base) + ", " + format(limit) + ") = " + format(total)
                    + "; yearly ≤ " + format(annualCap) + " over ≤ " + years + " years: "
                    + schedule.stream().map(y -> "year " + y.year() + " " + format(y.amount()))
                            .collect(Collectors.joining(", "));
            return new Calculation(total, capped, text, List.copyOf(schedule), true);
        }
    }

    /** 价格扣除: a procurement preference of minRate–maxRate off the bid price; no cash is paid. */
    public record PriceDeduction(BigDecimal minRate, BigDecimal maxRate) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of(InputSpec.amount("PURCHASE_AMOUNT"));
        }

        @Override
        public Calculation calculate(Inputs in) {
            BigDecimal price = in.amount("PURCHASE_AMOUNT");
            BigDecimal low = Money.round(minRate.multiply(price));
            BigDecimal high = Money.round(maxRate.multiply(price));
            return new Calculation(Money.ZERO, false, "price deduction " + percent(minRate) + "–" + percent(maxRate)
                    + " × " + format(price) + " = " + format(low) + "–" + format(high)
                    + " in bid evaluation (procurement preference, no cash)", List.of(), false);
        }

        @Override
        public boolean cash() {
            return false;
        }
    }

    /** Support the seed promises without a computable amount. */
    public record NonMonetary(String reason) implements Rule {
        @Override
        public List<InputSpec> inputs() {
            return List.of();
        }

        @Override
        public Calculation calculate(Inputs in) {
            return new Calculation(Money.ZERO, false, "non-monetary support: " + reason, List.of(), false);
        }

        @Override
        public boolean cash() {
            return false;
        }
    }
}
