package cn.grants.domain.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the catalogue at start from {@code grants.catalogue.location} (the YAML files shipped in this module by
 * default; a process owner may point it at edited copies) with the policies' effective date
 * {@code grants.catalogue.effective-date}.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConfiguration.class);

    @Bean
    PolicyCatalogue policyCatalogue(
            @Value("${grants.catalogue.location:classpath*:catalogue/*.yaml}") String location,
            @Value("${grants.catalogue.effective-date:2023-01-01}") LocalDate effectiveDate,
            org.springframework.core.env.Environment environment) {
        try {
            var files = Arrays.asList(new PathMatchingResourcePatternResolver().getResources(location));
            if (files.isEmpty()) {
                throw new IllegalStateException("no catalogue files at " + location);
            }
            // per document: grants.catalogue.documents.<number>.effective-from / .valid-until
            java.util.Map<String, PolicyDocument.Dates> dates = org.springframework.boot.context.properties.bind.Binder
                    .get(environment).bind("grants.catalogue.documents", org.springframework.boot.context.properties
                            .bind.Bindable.mapOf(String.class, PolicyDocument.Dates.class))
                    .orElse(java.util.Map.of());
            PolicyCatalogue catalogue = PolicyCatalogue.load(files, effectiveDate, dates);
            catalogue.documents().forEach(d -> log.info("document {} ({}): valid {} until {}", d.number(),
                    d.status() == null ? "issued" : d.status().chinese(),
                    catalogue.measures().stream().filter(m -> m.source().document().equals(d.document()))
                            .findFirst().map(Measure::validFrom).orElse(null),
                    catalogue.measures().stream().filter(m -> m.source().document().equals(d.document()))
                            .findFirst().map(Measure::validUntil).orElse(null)));
            log.info("policy catalogue {}: {} measures from {} documents", catalogue.version(),
                    catalogue.measures().size(), catalogue.documents().size());
            return catalogue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    OverlapGroups overlapGroups(PolicyCatalogue catalogue,
            @Value("${grants.catalogue.overlaps:classpath:catalogue/reference/overlaps.yaml}") String location)
            throws IOException {
        try (var in = new PathMatchingResourcePatternResolver().getResource(location).getInputStream()) {
            OverlapGroups groups = OverlapGroups.load(in, catalogue);
            log.info("overlap groups: {} groups of measures that fund the same thing", groups.groups().size());
            return groups;
        }
    }

    @Bean
    Eligibility eligibility(PolicyCatalogue catalogue,
            @Value("${grants.catalogue.eligibility:classpath:catalogue/reference/eligibility.yaml}") String location)
            throws IOException {
        try (var in = new PathMatchingResourcePatternResolver().getResource(location).getInputStream()) {
            return Eligibility.load(in, catalogue);
        }
    }

    @Bean
    ClusterReference clusterReference(
            @Value("${grants.catalogue.clusters:classpath:catalogue/reference/clusters.yaml}") String location)
            throws IOException {
        return ClusterReference.load(new PathMatchingResourcePatternResolver().getResource(location).getInputStream());
    }
}
