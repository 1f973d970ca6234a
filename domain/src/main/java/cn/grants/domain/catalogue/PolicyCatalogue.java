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
     * Reads the catalogue files, every document taking effect on the same day unless its file states its own.
     *
     * @param effectiveDate the day the policies took effect (the drafts print "X月X日", so this is configuration)
     */
    public static PolicyCatalogue load(List<Resource> files, LocalDate effectiveDate) {
        return load(files, effectiveDate, Map.of());
    }

    /**
     * Reads the catalogue files. Each document's validity window: its effective day (configured for the document,
     * else stated in its file, else {@code effectiveDate}) until the configured end, else the effective day plus
     * its 有效期.
     *
     * @param dates per document number ("000") or seed file name: its configured effective day and end
     */
    public static PolicyCatalogue load(List<Resource> files, LocalDate effectiveDate,
            Map<String, PolicyDocument.Dates> dates) {
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
            PolicyDocument.Dates configured = dates.getOrDefault(document.number(),
                    dates.getOrDefault(document.document(), new PolicyDocument.Dates(null, null)));
            LocalDate from = configured.effectiveFrom() != null ? configured.effectiveFrom()
                    : document.effectiveFrom() != null ? document.effectiveFrom() : effectiveDate;
            LocalDate until = configured.validUntil() != null ? configured.validUntil() : from.plusYears(years);
            if (!until.isAfter(from)) {
                throw new IllegalStateException("catalogue document " + document.document() + " ends (" + until
                        + ") before it takes effect (" + from + ")");
            }
            String fileVersion = HexFormat.of().formatHex(Arrays.copyOf(sha256().digest(bytes), 6));
            PolicyDocument.Status status = document.status() == null ? PolicyDocument.Status.ISSUED
                    : document.status();
            for (PolicyDocument.Entry e : document.measures()) {
                if (e.id() == null || e.rule() == null || e.clause() == null) {
                    throw new IllegalStateException("catalogue file " + file.getFilename() + ": entry " + e.id()
                            + " needs an id, a clause and a rule");
                }
                Measure measure = new Measure(e.id(), e.name(), e.nameEn(),
                        new Measure.Source(document.document(), document.title(), e.clause(), fileVersion, status),
                        e.quote(),
                        e.units() == null ? List.of() : List.copyOf(e.units()),
                        e.clusters() == null ? List.of() : List.copyOf(e.clusters()),
                        e.mode(), Boolean.TRUE.equals(e.auditRequired()), e.rule(),
                        from, until, e.cumulativeCap(), e.batchCut() == null ? BatchCut.PRO_RATA : e.batchCut(),
                        e.softLimit());
                if (e.softLimit() != null && (e.softLimit().kind() == null || !SoftLimit.soft(e.softLimit().quote())
                        || e.quote() == null || !e.quote().contains(e.softLimit().quote())
                        || e.softLimit().defaultValue(e.rule()) == null)) {
                    throw new IllegalStateException("catalogue file " + file.getFilename() + ": entry " + e.id()
                            + " has a softLimit without a kind the rule has (CAP, YEARS), or without words (原则上/一般)"
                            + " taken from the entry's quote");
                }
                if (e.cumulativeCap() != null && (e.cumulativeCap().key() == null || e.cumulativeCap().amount() == null
                        || e.cumulativeCap().key() == OverlapGroups.Key.ENTERPRISE || e.quote() == null
                        || e.cumulativeCap().quote() == null || !e.quote().contains(e.cumulativeCap().quote()))) {
                    throw new IllegalStateException("catalogue file " + file.getFilename() + ": entry " + e.id()
                            + " has a cumulativeCap without a key (PLATFORM, PROJECT, PRODUCT, PARK), an amount, or"
                            + " a quote taken from the entry's quote");
                }
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
