package cn.grants.domain.catalogue;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue file as written: one policy document and its measures.
 *
 * @param status whether the text is a draft for comment (征求意见稿) or issued
 * @param effectiveClause the seed's own words on when the document takes effect and for how long
 * @param effectiveFrom the day it takes effect when the text states one; the seeds print "2022年X月X日" or "自印发之日起",
 *     so it is null there and comes from configuration ({@code grants.catalogue.documents.<no>.effective-from})
 * @param validityYears 有效期 in years, counted from the effective day
 */
public record PolicyDocument(String document, String title, String titleEn, String issuer, Status status,
        String effectiveClause, LocalDate effectiveFrom, Integer validityYears, List<Entry> measures) {

    public enum Status {
        /** 征求意见稿: published for comment, not issued. */
        DRAFT_FOR_COMMENT("征求意见稿"),
        /** 已印发: issued. */
        ISSUED("已印发");

        private final String chinese;

        Status(String chinese) {
            this.chinese = chinese;
        }

        public String chinese() {
            return chinese;
        }
    }

    /** The effective day and end of one document, as configured (either may be null: the file's or the default). */
    public record Dates(LocalDate effectiveFrom, LocalDate validUntil) {
    }

    /** The document's number: the first three characters of its seed file name ("000", "003", "004"). */
    public String number() {
        return document == null || document.length() < 3 ? document : document.substring(0, 3);
    }

    /** A measure as written in the file (before its source and validity window are attached). */
    public record Entry(String id, String name, String nameEn, String clause, String quote, List<String> units,
            List<String> clusters, FundingMode mode, Boolean auditRequired, Rule rule, CumulativeCap cumulativeCap, BatchCut batchCut,
            SoftLimit softLimit) {
    }
}
