package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * The policy catalogue: every measure of the policy documents, read from data files (one YAML file per document).
 * Its {@link #version()} is a digest of the files' bytes, so a case can record exactly which rules it was
 * calculated with; editing a rate or cap in a file changes the version.
 */
public final class PolicyCatalogue {

    private final Map<String, Measure> measures;
    private final List<PolicyDocument> documents;
    private final String version;

    private PolicyCatalogue(Map<String, Measure> measures, List<PolicyDocument> documents, String version) {
        this.measures = measures;
        this.documents = documents;
        this.version = version;
    }

    /**
     * Reads the catalogue files.
     *
     * @param effectiveDate the day the policies took effect (the drafts print "X月X日", so this is configuration)
     */
    public static PolicyCatalogue load(List<Resource> files, LocalDate effectiveDate) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<Resource> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Resource::getFilename));
        MessageDigest digest = sha256();
        Map<String, Measure> measures = new LinkedHashMap<>();
        List<PolicyDocument> documents = new ArrayList<>();
        for (Resource file : sorted) {
            byte[] bytes;
            try (var in = file.getInputStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read catalogue file " + file, e);
            }
            digest.update(file.getFilename().getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            PolicyDocument document;
            try {
                document = yaml.readValue(bytes, PolicyDocument.class);
            } catch (IOException e) {
                throw new IllegalStateException("catalogue file " + file.getFilename() + " is invalid: " + e.getMessage(), e);
            }
            documents.add(document);
            int years = document.validityYears() == null ? 5 : document.validityYears();
            for (PolicyDocument.Entry e : document.measures()) {
                if (e.id() == null || e.rule() == null || e.clause() == null) {
                    throw new IllegalStateException("catalogue file " + file.getFilename() + ": entry " + e.id()
                            + " needs an id, a clause and a rule");
                }
                Measure measure = new Measure(e.id(), e.name(), e.nameEn(),
                        new Measure.Source(document.document(), document.title(), e.clause()), e.quote(),
                        e.units() == null ? List.of() : List.copyOf(e.units()),
                        e.clusters() == null ? List.of() : List.copyOf(e.clusters()),
                        e.mode(), Boolean.TRUE.equals(e.auditRequired()), e.rule(),
                        effectiveDate, effectiveDate.plusYears(years));
                if (measures.putIfAbsent(measure.id(), measure) != null) {
                    throw new IllegalStateException("measure id " + measure.id() + " appears twice in the catalogue");
                }
            }
        }
        String version = HexFormat.of().formatHex(Arrays.copyOf(digest.digest(), 6));
        return new PolicyCatalogue(Map.copyOf(measures), List.copyOf(documents), version);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Measure> find(String id) {
        return Optional.ofNullable(id).map(measures::get);
    }

    /** All measures in file order. */
    public List<Measure> measures() {
        return documents.stream().flatMap(d -> d.measures().stream()).map(e -> measures.get(e.id())).toList();
    }

    public List<PolicyDocument> documents() {
        return documents;
    }

    public String version() {
        return version;
    }
}
