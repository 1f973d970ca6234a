package cn.grants.domain.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The industry clusters the policies serve (深圳 20+8 and 广东 strategic clusters) and the quantitative targets
 * the seeds set for them, each cited: reference data for reporting (catalogue/reference/clusters.yaml).
 */
public record ClusterReference(List<Cluster> clusters) {

    public record Source(String document, String clause) {
    }

    public record Target(int year, String metric, String metricEn, String value, String unit, String quote,
            Source source) {
    }

    public record Cluster(String code, String name, String nameEn, String scope, Source source, List<Target> targets) {
    }

    public static ClusterReference load(InputStream yaml) {
        try (yaml) {
            return new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(yaml, ClusterReference.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cluster reference data is invalid", e);
        }
    }

    public Optional<Cluster> find(String code) {
        return clusters.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
