package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The eligibility conditions of each measure (资助条件), catalogue data ({@code catalogue/reference/eligibility.yaml}):
 * what the clause requires of an applicant (recognition, a list, a first-time event and its window, locality, a
 * consortium's make-up, a threshold, funds already received), each quoted from its seed and cited to its clause, with
 * what evidences it. Checked at load: every cash measure of the catalogue has an entry, no other id does, ids are
 * unique per measure, and each evidence has what its type needs.
 */
public final class Eligibility {

    /** What evidences a condition. */
    public enum EvidenceType {
        /** The applicant declares it; the officer verifies it in the formal check. */
        DECLARATION,
        /** A document of {@code kind} proves it; the officer verifies it. */
        DOCUMENT,
        /** A figure the applicant states, checked against {@code min} / {@code max}. */
        FIGURE,
        /** A number the applicant states (e.g. consortium members), checked against {@code min} / {@code max}. */
        COUNT,
        /** Two dates the applicant states: {@code to} at most {@code within} after {@code from}. */
        DATE_WITHIN;

        /** Whether the system can check it from what the applicant states. */
        public boolean computable() {
            return this == FIGURE || this == COUNT || this == DATE_WITHIN;
        }
    }

    public record Evidence(EvidenceType type, String kind, String field, String min, String max, String unit,
            String from, String to, String within) {
    }

    public record Condition(String id, String name, String nameEn, String quote, String clause, Evidence evidence) {
    }

    record File(Map<String, List<Condition>> measures) {
    }

    private final Map<String, List<Condition>> byMeasure;

    private Eligibility(Map<String, List<Condition>> byMeasure) {
        this.byMeasure = byMeasure;
    }

    public static Eligibility load(InputStream yaml, PolicyCatalogue catalogue) {
        File file;
        try {
            file = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(yaml, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("eligibility conditions are unreadable", e);
        }
        Map<String, List<Condition>> measures = file.measures() == null ? Map.of() : file.measures();
        Map<String, List<Condition>> checked = new LinkedHashMap<>();
        for (Measure m : catalogue.measures()) {
            if (!m.rule().cash()) {
                continue;
            }
            if (!measures.containsKey(m.id())) {
                throw new IllegalStateException("eligibility: measure " + m.id() + " has no entry (an empty list if"
                        + " its clause states no condition)");
            }
        }
        measures.forEach((id, conditions) -> {
            Measure m = catalogue.find(id).orElseThrow(() -> new IllegalStateException(
                    "eligibility: " + id + " is not in the catalogue"));
            if (!m.rule().cash()) {
                throw new IllegalStateException("eligibility: " + id + " grants no money");
            }
            List<Condition> list = conditions == null ? List.of() : List.copyOf(conditions);
            Set<String> ids = new HashSet<>();
            for (Condition c : list) {
                String where = "eligibility of " + id + ", condition " + c.id();
                if (c.id() == null || !ids.add(c.id())) {
                    throw new IllegalStateException(where + ": an id, unique within the measure, is required");
                }
                if (c.quote() == null || c.quote().isBlank() || c.clause() == null || c.name() == null) {
                    throw new IllegalStateException(where + ": a name, a quote and a clause are required");
                }
                Evidence e = c.evidence();
                if (e == null || e.type() == null) {
                    throw new IllegalStateException(where + ": the evidence type is required");
                }
                boolean complete = switch (e.type()) {
                    case DECLARATION -> true;
                    case DOCUMENT -> e.kind() != null;
                    case FIGURE, COUNT -> e.field() != null && (e.min() != null || e.max() != null);
                    case DATE_WITHIN -> e.from() != null && e.to() != null && e.within() != null;
                };
                if (!complete) {
                    throw new IllegalStateException(where + ": evidence " + e.type() + " lacks what it needs");
                }
            }
            checked.put(id, list);
        });
        return new Eligibility(Map.copyOf(checked));
    }

    /** The conditions of a measure, in the order of the data (none for a measure without money). */
    public List<Condition> of(String measureId) {
        return byMeasure.getOrDefault(measureId, List.of());
    }
}
