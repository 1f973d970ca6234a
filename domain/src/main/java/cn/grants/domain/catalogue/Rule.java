package cn.grants.domain.catalogue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;

/**
 * How a measure computes its grant from the applicant's (or the auditor's) figures. Rules are data:
 * they are read from the catalogue files by their {@code type}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Rules.RateCap.class, name = "RATE_CAP"),
    @JsonSubTypes.Type(value = Rules.UnitPrice.class, name = "UNIT_PRICE"),
    @JsonSubTypes.Type(value = Rules.ContractSum.class, name = "CONTRACT_SUM"),
    @JsonSubTypes.Type(value = Rules.Tiered.class, name = "TIERED"),
    @JsonSubTypes.Type(value = Rules.Matching.class, name = "MATCHING"),
    @JsonSubTypes.Type(value = Rules.Interest.class, name = "INTEREST"),
    @JsonSubTypes.Type(value = Rules.MultiYear.class, name = "MULTI_YEAR"),
    @JsonSubTypes.Type(value = Rules.PriceDeduction.class, name = "PRICE_DEDUCTION"),
    @JsonSubTypes.Type(value = Rules.NonMonetary.class, name = "NON_MONETARY")
})
public sealed interface Rule permits Rules.RateCap, Rules.UnitPrice, Rules.ContractSum, Rules.Tiered,
        Rules.Matching, Rules.Interest, Rules.MultiYear, Rules.PriceDeduction, Rules.NonMonetary {

    /** The inputs (basis codes) this rule takes; all are required. */
    List<InputSpec> inputs();

    /** Computes the grant before any per-enterprise cap. */
    Calculation calculate(Inputs inputs);

    /** 单个企业可资助金额不超过…: a cap across an enterprise's cases in the same measure, or null. */
    default BigDecimal perEnterpriseCap() {
        return null;
    }

    /** Whether the measure pays cash (a procurement price deduction or a non-monetary support does not). */
    default boolean cash() {
        return true;
    }
}
