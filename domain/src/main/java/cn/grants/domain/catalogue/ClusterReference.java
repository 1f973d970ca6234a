package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The industry clusters the policies serve (深圳 20+8 and 广东 strategic clusters), their sub-fields, and the
 * quantitative targets the seeds set for them or for a whole sector, each cited: reference data for reporting
 * (catalogue/reference/clusters.yaml).
 */
public record ClusterReference(List<Cluster> clusters, List<Sector> sectors) {

    public ClusterReference {
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        sectors = sectors == null ? List.of() : List.copyOf(sectors);
    }

    public record Source(String document, String clause) {
    }

    /** A figure a seed aims at; {@code value} is a decimal in the seed's own {@code unit}, never a double. */
    public record Target(int year, String metric, String metricEn, String value, String unit, String quote,
            Source source) {
    }

    /** A field a seed names inside a cluster (e.g. 工业机器人 inside 智能机器人), with the words that name it. */
    public record SubField(String name, String nameEn, String quote, Source source) {
    }

    public record Cluster(String code, String name, String nameEn, String scope, Source source,
            List<SubField> subFields, List<Target> targets) {

        public Cluster {
            subFields = subFields == null ? List.of() : List.copyOf(subFields);
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /**
     * A sector a seed sets targets for as a whole (e.g. all of a city's high-end equipment manufacturing), wider than
     * any one cluster: its targets are recorded once here and never repeated under, summed over or split between
     * clusters.
     */
    public record Sector(String code, String name, String nameEn, String scope, List<Target> targets) {

        public Sector {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    public static ClusterReference load(InputStream yaml) {
        ClusterReference reference;
        try (yaml) {
            reference = new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(yaml, ClusterReference.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cluster reference data is invalid", e);
        }
        reference.validate();
        return reference;
    }

    public Optional<Cluster> find(String code) {
        return clusters.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<Sector> findSector(String code) {
        return sectors.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /** Every code once; every cluster, sub-field and target (of a cluster or a sector) cited to a seed clause. */
    private void validate() {
        Set<String> codes = new HashSet<>();
        for (Cluster cluster : clusters) {
            requireCode(codes, cluster.code());
            requireSource("cluster " + cluster.code(), cluster.source());
            for (SubField subField : cluster.subFields()) {
                String what = "sub-field " + subField.name() + " of " + cluster.code();
                require(!blank(subField.name()) && !blank(subField.nameEn()),
                        what + " needs a name and an English name");
                requireQuote(what, subField.quote(), subField.source());
            }
            cluster.targets().forEach(t -> requireTarget("target of " + cluster.code(), t));
        }
        for (Sector sector : sectors) {
            requireCode(codes, sector.code());
            require(!blank(sector.name()) && !blank(sector.scope()),
                    "sector " + sector.code() + " needs a name and a scope");
            require(!sector.targets().isEmpty(), "sector " + sector.code() + " has no target");
            sector.targets().forEach(t -> requireTarget("target of sector " + sector.code(), t));
        }
    }

    private static void requireCode(Set<String> codes, String code) {
        require(!blank(code), "a cluster or sector has no code");
        require(codes.add(code), "code " + code + " is used twice");
    }

    private static void requireTarget(String what, Target target) {
        require(target.year() > 0 && !blank(target.metric()) && !blank(target.unit()),
                what + " needs a year, a metric and a unit");
        require(target.value() != null && target.value().matches("\\d+(\\.\\d+)?"),
                what + " has value " + target.value() + ", not a decimal number");
        requireQuote(what, target.quote(), target.source());
    }

    private static void requireQuote(String what, String quote, Source source) {
        require(!blank(quote), what + " has no quote");
        requireSource(what, source);
    }

    private static void requireSource(String what, Source source) {
        require(source != null && !blank(source.document()) && !blank(source.clause()),
                what + " needs a source document and clause");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("cluster reference data is invalid: " + message);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
