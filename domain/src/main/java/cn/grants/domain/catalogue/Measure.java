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
        LocalDate validUntil,
        CumulativeCap cumulativeCap,
        BatchCut batchCut,
        SoftLimit softLimit) {

    /** This measure with another rule: a soft limit raised for one case ({@link SoftLimit#raise}). */
    public Measure withRule(Rule other) {
        return new Measure(id, name, nameEn, source, quote, units, clusters, mode, auditRequired, other, validFrom,
                validUntil, cumulativeCap, batchCut, softLimit);
    }

    /**
     * Where the measure stands in the law: the seed file, the policy's title and the clause number; the version of
     * the document's catalogue file (a digest of its bytes) and whether the document is a draft for comment.
     */
    public record Source(String document, String title, String clause, String version,
            PolicyDocument.Status status) {

        public Source(String document, String title, String clause) {
            this(document, title, clause, null, null);
        }
    }

    public List<InputSpec> inputs() {
        return rule.inputs();
    }

    /**
     * Whether the amount is determined by an officer: the clause's words "最高" or "不超过" make the calculated amount a
     * ceiling, not an award. Required when there is nothing to compute it from (a tier whose amount is the ceiling);
     * optional (the ceiling by default) when a rate computes it.
     */
    public Determination determination() {
        if (!rule.cash() || quote == null || !(quote.contains("最高") || quote.contains("不超过"))) {
            return Determination.NONE;
        }
        return rule instanceof Rules.Tiered tiered && tiered.tiers().stream().allMatch(t -> t.amount() != null)
                ? Determination.REQUIRED : Determination.OPTIONAL;
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && day.isBefore(validUntil);
    }
}
