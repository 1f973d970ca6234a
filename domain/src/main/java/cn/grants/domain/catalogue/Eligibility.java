package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import cn.grants.domain.money.InvalidAmountException;
import cn.grants.domain.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
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

    /** What the system concludes from the applicant's answer to a condition. */
    public enum Mark { MET, NOT_MET }

    /** The system's mark of a condition from the applicant's answer, with its reason; {@code mark} null: the officer verifies. */
    public record Check(Mark mark, String reason) {
    }

    /**
     * The applicant's answer to a condition in its stored form: {@code true}/{@code false} for a declaration, a
     * decimal for a figure, a whole number for a count, {@code from/to} (ISO dates) for two dates. A document condition
     * takes no answer: the document of its kind is the answer.
     *
     * @param field the name of the answer in the request, used in the error
     * @throws InvalidAmountException naming {@code field} when the answer has not the condition's form
     */
    public static String answer(Condition c, Object raw, String field) {
        if (raw == null || (raw instanceof String text && text.isBlank())) {
            return null;
        }
        Evidence e = c.evidence();
        return switch (e.type()) {
            case DECLARATION -> {
                String v = String.valueOf(raw).trim().toLowerCase();
                if (!v.equals("true") && !v.equals("false")) {
                    throw new InvalidAmountException(field, "must be true (the applicant declares it) or false");
                }
                yield v;
            }
            case DOCUMENT -> throw new InvalidAmountException(field, "is evidenced by a document of kind " + e.kind()
                    + ": upload it to the case instead of answering");
            case FIGURE -> Money.parse(field, raw).toPlainString();
            case COUNT -> {
                String v = String.valueOf(raw).trim();
                if (!v.matches("[0-9]{1,6}")) {
                    throw new InvalidAmountException(field, "must be a whole number");
                }
                yield String.valueOf(Integer.parseInt(v));
            }
            case DATE_WITHIN -> {
                if (!(raw instanceof Map<?, ?> dates)) {
                    throw new InvalidAmountException(field, "must be {\"from\": \"yyyy-mm-dd\", \"to\": \"yyyy-mm-dd\"}"
                            + " (" + e.from() + ", " + e.to() + ")");
                }
                LocalDate from = date(dates.get("from"), field + ".from");
                LocalDate to = date(dates.get("to"), field + ".to");
                if (to.isBefore(from)) {
                    throw new InvalidAmountException(field + ".to", "must not be before " + field + ".from");
                }
                yield from + "/" + to;
            }
        };
    }

    private static LocalDate date(Object raw, String field) {
        try {
            return LocalDate.parse(String.valueOf(raw).trim());
        } catch (RuntimeException ex) {
            throw new InvalidAmountException(field, "must be a date yyyy-mm-dd");
        }
    }

    /**
     * What the system concludes from a stored answer: a figure or count against its bounds, two dates against their
     * window, a declaration answered "no"; nothing (the officer verifies) for a declaration answered "yes", a
     * document, or a missing answer.
     */
    public static Check check(Condition c, String answer) {
        Evidence e = c.evidence();
        if (answer == null || e.type() == EvidenceType.DOCUMENT) {
            return new Check(null, null);
        }
        return switch (e.type()) {
            case DECLARATION -> answer.equals("false")
                    ? new Check(Mark.NOT_MET, "the applicant declares it is not met")
                    : new Check(null, "declared by the applicant; the officer verifies it");
            case FIGURE, COUNT -> {
                BigDecimal value = new BigDecimal(answer);
                String unit = e.unit() == null ? "" : " " + e.unit();
                if (e.min() != null && value.compareTo(new BigDecimal(e.min())) < 0) {
                    yield new Check(Mark.NOT_MET, e.field() + " " + answer + unit + " is below the minimum " + e.min() + unit);
                }
                if (e.max() != null && value.compareTo(new BigDecimal(e.max())) > 0) {
                    yield new Check(Mark.NOT_MET, e.field() + " " + answer + unit + " is above the maximum " + e.max() + unit);
                }
                yield new Check(Mark.MET, e.field() + " " + answer + unit + " is within "
                        + (e.min() == null ? "" : "≥ " + e.min()) + (e.min() != null && e.max() != null ? ", " : "")
                        + (e.max() == null ? "" : "≤ " + e.max()) + unit);
            }
            case DATE_WITHIN -> {
                String[] dates = answer.split("/");
                LocalDate from = LocalDate.parse(dates[0]);
                LocalDate to = LocalDate.parse(dates[1]);
                LocalDate limit = from.plus(Period.parse(e.within()));
                yield to.isAfter(limit)
                        ? new Check(Mark.NOT_MET, e.to() + " " + to + " is later than " + e.within() + " after "
                                + e.from() + " " + from + " (" + limit + ")")
                        : new Check(Mark.MET, e.to() + " " + to + " is within " + e.within() + " of " + e.from() + " "
                                + from);
            }
            case DOCUMENT -> new Check(null, null);
        };
    }

    /** The conditions of a measure, in the order of the data (none for a measure without money). */
    public List<Condition> of(String measureId) {
        return byMeasure.getOrDefault(measureId, List.of());
    }
}
