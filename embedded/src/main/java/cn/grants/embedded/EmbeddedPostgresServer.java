package cn.grants.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run from the zonky binaries with its data kept in a directory across restarts. Durability settings
 * are those of a real server (fsync, synchronous commit, full page writes). A postmaster left running by a crashed
 * JVM is shut down, and a stale lock file of a dead one removed, before the server starts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts the server, to be stopped by {@link #close} or else when the JVM exits. */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        return start(dataDirectory, true);
    }

    /**
     * Starts the server. {@code stopWhenTheJvmExits}: whether the server registers a JVM shutdown hook of its own that
     * stops it. An application that stops it itself, after its own beans, passes {@code false}: JVM shutdown hooks
     * run concurrently, so such a hook would stop the database beside the application's, while its connection pool
     * and its workers still use it (a postmaster left by a JVM that exits without stopping it is stopped at the next
     * start, see {@link #cleanUpStalePostmaster}).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean stopWhenTheJvmExits) {
        try {
            Files.createDirectories(dataDirectory);
            cleanUpStalePostmaster(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(stopWhenTheJvmExits)
                    .start();
            log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory.toAbsolutePath());
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /**
     * A JVM killed without shutting its PostgreSQL down leaves the postmaster running (or its postmaster.pid
     * behind): stop the orphan, or drop the lock file of a process that no longer exists.
     */
    static void cleanUpStalePostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException e) {
            log.warn("unreadable {}; removing it", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean isPostmaster = process.flatMap(p -> p.info().command()).map(c -> c.contains("postgres")).orElse(false);
        if (process.isPresent() && isPostmaster) {
            log.warn("stopping PostgreSQL postmaster {} left running on {} by an earlier run", pid, dataDirectory);
            ProcessHandle postmaster = process.get();
            postmaster.destroy();
            try {
                postmaster.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
                try {
                    postmaster.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the start that follows
                }
            }
            Files.deleteIfExists(pidFile);
        } else {
            log.warn("removing stale {} of process {} that is no longer running", pidFile, pid);
            Files.deleteIfExists(pidFile);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
