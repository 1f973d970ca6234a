package cn.grants.embedded;

import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The development engine's state in RocksDB, in a scratch directory, instead of zeebe-process-test's sorted maps.
 *
 * <p>zeebe-process-test keeps the engine's state in {@code TreeMap}s and builds a new sorted copy of a column family
 * for every prefix iteration the engine makes. With a few hundred running cases the engine's actor spends nearly all
 * of its time copying (docs/performance.md, "What limits the embedded default", 2), and a round of 2,000 applications
 * does not finish. A Camunda 8 broker keeps the same state in RocksDB through {@code ZeebeRocksDbFactory}, which
 * iterates in place; the development engine now does the same. The log is not kept across restarts either
 * ({@link DiskLogEntries}), so the state starts empty and the directory is deleted when the engine stops, as before:
 * a restart is a fresh engine.
 *
 * <p>zeebe-process-test creates its database in a private method, so the swap happens by reflection on a created,
 * not yet started engine: its stream processor opens the database's context only when it starts.
 */
final class EngineState {

    /** RocksDB's budget for memtables and block cache; the state of a 2,000-case round is a few tens of MB. */
    static final long MEMORY_LIMIT_BYTES = 64L * 1024 * 1024;

    private EngineState() {
    }

    static final String PREFIX = "grants-engine-";
    /** The file in a scratch directory naming the process that owns it. */
    static final String OWNER = "owner.pid";

    /**
     * A new scratch directory for an engine's log and state, marked with this process's id; directories left behind
     * by engines whose process is gone (killed before it could delete them) are deleted first.
     */
    static Path createDirectory() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        removeAbandoned(root);
        try {
            Path directory = Files.createTempDirectory(root, PREFIX);
            Files.writeString(directory.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's scratch directory", e);
        }
    }

    /**
     * Deletes the scratch directories under {@code root} whose owning process no longer runs. A directory without an
     * owner file, or whose owner cannot be read, is left alone.
     *
     * @return the directories deleted
     */
    static List<Path> removeAbandoned(Path root) {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path directory : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && Files.isDirectory(p)).toList()) {
                long owner;
                try {
                    owner = Long.parseLong(Files.readString(directory.resolve(OWNER)).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    delete(directory);
                    removed.add(directory);
                } catch (UncheckedIOException e) {
                    // another process is deleting it, or it is not ours to delete: left alone
                }
            }
        } catch (IOException e) {
            // the temporary directory cannot be listed: nothing to tidy
        }
        return removed;
    }

    /** Gives a created, not yet started engine a RocksDB state in {@code directory} (created, empty). */
    static void useRocksDb(ZeebeTestEngine engine, Path directory) {
        try {
            RocksDbConfiguration configuration = new RocksDbConfiguration().setMemoryLimit(MEMORY_LIMIT_BYTES);
            ZeebeRocksDbFactory<ZbColumnFamilies> factory = new ZeebeRocksDbFactory<>(configuration,
                    new ConsistencyChecksSettings(false, false),
                    new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, 1), SimpleMeterRegistry::new);
            ZeebeDb<ZbColumnFamilies> rocksDb = factory.createDb(directory.toFile());
            Object streamProcessor = field(engine.getClass(), "streamProcessor").get(engine);
            ZeebeDb<?> inMemory = (ZeebeDb<?>) field(engine.getClass(), "database").get(engine);
            field(streamProcessor.getClass(), "zeebeDb").set(streamProcessor, rocksDb);
            field(engine.getClass(), "database").set(engine, rocksDb);
            inMemory.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot give the development engine its RocksDB state "
                    + "(zeebe-process-test changed its internals?): " + e, e);
        }
    }

    /** The kind of database the engine's stream processor works on (for the test). */
    static Class<?> databaseType(ZeebeTestEngine engine) throws ReflectiveOperationException {
        Object streamProcessor = field(engine.getClass(), "streamProcessor").get(engine);
        return field(streamProcessor.getClass(), "zeebeDb").get(streamProcessor).getClass();
    }

    /** Deletes a stopped engine's scratch directory. */
    static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the engine's state directory " + directory, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        return EngineInternals.field(type, name);
    }
}
