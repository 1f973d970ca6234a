package cn.grants.domain.catalogue;

import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.money.Decimals;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns raw JSON inputs into validated {@link Inputs} for a rule; every error names its field. */
public final class InputParser {

    private InputParser() {
    }

    public static Inputs parse(Rule rule, Map<String, ?> raw) {
        Map<String, ?> values = raw == null ? Map.of() : raw;
        List<InputSpec> specs = rule.inputs();
        Set<String> accepted = specs.stream().map(InputSpec::code).collect(Collectors.toSet());
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw new InvalidAmountException("inputs." + key,
                        "is not a basis this measure takes (it takes " + (accepted.isEmpty() ? "none" : accepted) + ")");
            }
        }
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        List<BigDecimal> contracts = null;
        Integer units = null;
        String tier = null;
        for (InputSpec spec : specs) {
            String field = "inputs." + spec.code();
            Object value = values.get(spec.code());
            switch (spec.kind()) {
                case AMOUNT -> amounts.put(spec.code(), Money.parse(field, value));
                case AMOUNT_LIST -> contracts = parseList(field, value, rule);
                case COUNT -> units = parseCount(field, value);
                case TIER -> tier = parseTier(field, value, spec.tiers());
            }
        }
        return new Inputs(Map.copyOf(amounts), contracts, units, tier);
    }

    private static List<BigDecimal> parseList(String field, Object value, Rule rule) {
        if (value == null) {
            throw new InvalidAmountException(field, "is required");
        }
        if (!(value instanceof Collection<?> items)) {
            throw new InvalidAmountException(field, "must be an array of amounts");
        }
        int limit = rule instanceof Rules.ContractSum c ? c.contractLimit() : 3;
        if (items.isEmpty()) {
            throw new InvalidAmountException(field, "must hold at least one amount");
        }
        if (items.size() > limit) {
            throw new InvalidAmountException(field, "holds " + items.size() + " contracts; at most " + limit + " count");
        }
        List<BigDecimal> amounts = new ArrayList<>();
        int i = 0;
        for (Object item : items) {
            amounts.add(Money.parse(field + "[" + i++ + "]", item));
        }
        if (amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(Money.MAX) > 0) {
            throw new InvalidAmountException(field, "total must not exceed " + Money.format(Money.MAX)
                    + " (the largest amount kept)");
        }
        return List.copyOf(amounts);
    }

    private static Integer parseCount(String field, Object value) {
        BigDecimal n = Decimals.parse(field, value, 9, 0);
        if (n.signum() <= 0) {
            throw new InvalidAmountException(field, "must be a positive whole number");
        }
        return n.intValueExact();
    }

    private static String parseTier(String field, Object value, List<String> tiers) {
        if (value == null || value.toString().isBlank()) {
            throw new InvalidAmountException(field, "is required (one of " + tiers + ")");
        }
        String code = value.toString().trim();
        if (!tiers.contains(code)) {
            throw new InvalidAmountException(field, "'" + code + "' is not one of " + tiers);
        }
        return code;
    }
}
