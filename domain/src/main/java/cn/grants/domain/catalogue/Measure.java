package cn.grants.domain.catalogue;

import java.time.LocalDate;
import java.util.List;

/** One catalogue entry: a measure of a policy document, cited to its clause, with its rule. */
public record Measure(
        String id,
        String name,
        String nameEn,
        Source source,
        String quote,
        List<String> units,
        List<String> clusters,
        FundingMode mode,
        boolean auditRequired,
        Rule rule,
        LocalDate validFrom,
        LocalDate validUntil) {

    /** Where the measure stands in the law: the seed file, the policy's title and the clause number. */
    public record Source(String document, String title, String clause) {
    }

    public List<InputSpec> inputs() {
        return rule.inputs();
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && day.isBefore(validUntil);
    }
}
