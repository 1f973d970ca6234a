package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures that fund the same thing under different clauses (catalogue data, {@code catalogue/reference/overlaps.yaml}):
 * one application per thing in each group. What makes two applications "the same thing" is the group's {@link Key}.
 * Every measure of a group exists in the catalogue, grants money and is in one group only (checked at load).
 */
public final class OverlapGroups {

    /** What identifies the thing funded: the enterprise itself, or a named subject of the enterprise. */
    public enum Key {
        ENTERPRISE, PRODUCT, PLATFORM, PROJECT, PARK;

        /** Whether the application names the thing funded (its subject) apart from the enterprise. */
        public boolean bySubject() {
            return this != ENTERPRISE;
        }
    }

    /** A measure of a group with the clause that funds the thing (from the catalogue). */
    public record Citation(String measureId, String document, String clause, String quote) {
    }

    public record Group(String id, String name, String nameEn, Key key, String subject, String subjectEn,
            String reason, List<String> measures, List<Citation> citations) {

        /** "000（十五）…" style list of where the group's measures come from. */
        public String cited() {
            return String.join("; ", citations.stream().map(c -> c.document().substring(0, 3) + " " + c.clause()
                    + " (" + c.measureId() + ")").toList());
        }
    }

    record File(List<Entry> groups) {
    }

    record Entry(String id, String name, String nameEn, Key key, String subject, String subjectEn, String reason,
            List<String> measures) {
    }

    private final List<Group> groups;
    private final Map<String, Group> byMeasure;

    private OverlapGroups(List<Group> groups) {
        this.groups = groups;
        Map<String, Group> index = new HashMap<>();
        for (Group g : groups) {
            for (String m : g.measures()) {
                Group before = index.put(m, g);
                if (before != null) {
                    throw new IllegalStateException("overlap groups: measure " + m + " is in " + before.id() + " and "
                            + g.id() + "; a measure belongs to one group");
                }
            }
        }
        this.byMeasure = Map.copyOf(index);
    }

    public static OverlapGroups load(InputStream yaml, PolicyCatalogue catalogue) {
        File file;
        try {
            file = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(yaml, File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("overlap groups are unreadable", e);
        }
        List<Group> groups = file.groups() == null ? List.of() : file.groups().stream().map(e -> {
            if (e.id() == null || e.key() == null || e.measures() == null || e.measures().size() < 2
                    || e.name() == null || e.reason() == null) {
                throw new IllegalStateException("overlap group " + e.id()
                        + " needs an id, a name, a key, a reason and at least two measures");
            }
            List<Citation> citations = e.measures().stream().map(id -> {
                Measure m = catalogue.find(id).orElseThrow(() -> new IllegalStateException(
                        "overlap group " + e.id() + ": measure " + id + " is not in the catalogue"));
                if (!m.rule().cash()) {
                    throw new IllegalStateException("overlap group " + e.id() + ": measure " + id + " grants no money");
                }
                return new Citation(id, m.source().document(), m.source().clause(), m.quote());
            }).toList();
            return new Group(e.id(), e.name(), e.nameEn(), e.key(), e.subject(), e.subjectEn(), e.reason(),
                    List.copyOf(e.measures()), citations);
        }).toList();
        return new OverlapGroups(groups);
    }

    public List<Group> groups() {
        return groups;
    }

    public Optional<Group> groupOf(String measureId) {
        return Optional.ofNullable(byMeasure.get(measureId));
    }

    /** How two subjects are compared: Unicode-normalised (NFKC), lower case, letters and digits only. */
    public static String subjectKey(String subject) {
        if (subject == null) {
            return "";
        }
        return Normalizer.normalize(subject, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
