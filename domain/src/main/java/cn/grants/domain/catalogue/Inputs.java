package cn.grants.domain.catalogue;

import cn.grants.domain.money.InvalidAmountException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Validated inputs of one calculation: amounts per basis code, contract receipts, units and tier. */
public record Inputs(Map<String, BigDecimal> amounts, List<BigDecimal> contracts, Integer units, String tier) {

    public BigDecimal amount(String code) {
        BigDecimal value = amounts.get(code);
        if (value == null) {
            throw new InvalidAmountException("inputs." + code, "is required");
        }
        return value;
    }
}
