package cn.grants.domain.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One input a measure accepts: a basis code, its kind, and the tier codes where it is a tier. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InputSpec(String code, Kind kind, List<String> tiers) {

    public enum Kind {
        /** an amount in yuan */
        AMOUNT,
        /** at most three amounts in yuan (contract receipts) */
        AMOUNT_LIST,
        /** a whole number of units */
        COUNT,
        /** one of {@link #tiers()} */
        TIER
    }

    public static InputSpec amount(String code) {
        return new InputSpec(code, Kind.AMOUNT, List.of());
    }
}
