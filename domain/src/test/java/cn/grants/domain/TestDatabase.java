package cn.grants.domain;

import cn.grants.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An embedded PostgreSQL in a temporary directory for a test class, its data source given to the Spring context. */
public final class TestDatabase implements AutoCloseable {

    private final Path directory;
    private final EmbeddedPostgresServer server;

    private TestDatabase(Path directory, EmbeddedPostgresServer server) {
        this.directory = directory;
        this.server = server;
    }

    /** Starts the server and points {@code spring.datasource.*} at it. */
    public static TestDatabase start(String name, DynamicPropertyRegistry registry) {
        try {
            Path directory = Files.createTempDirectory(name);
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory);
            registry.add("spring.datasource.url", server::jdbcUrl);
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "postgres");
            return new TestDatabase(directory, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and removes its directory. */
    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
