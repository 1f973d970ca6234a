package cn.grants.domain.catalogue;

import java.util.List;

/** A catalogue file as written: one policy document and its measures. */
public record PolicyDocument(String document, String title, String titleEn, String issuer, Integer validityYears,
        List<Entry> measures) {

    /** A measure as written in the file (before its source and validity window are attached). */
    public record Entry(String id, String name, String nameEn, String clause, String quote, List<String> units,
            List<String> clusters, FundingMode mode, Boolean auditRequired, Rule rule) {
    }
}
