package cn.grants.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the in-memory engine's log storage safe to read while it is written, and keeps its entries out of the heap.
 *
 * <p>zeebe-process-test keeps the log in a plain {@code ArrayList}: the sequencer appends under its lock, but the
 * stream processor and the record-stream readers read without one. A reader that sees the new size before the new
 * element (or the old backing array after it grew) reads {@code null}; the stream processor then fails with a
 * {@code NullPointerException} in {@code UnsafeBuffer.wrap}, and from that moment every command times out
 * ({@code DEADLINE_EXCEEDED}) until the engine restarts. Commit listeners sit in a {@code HashSet} that readers
 * register in while appends iterate it.
 *
 * <p>Before the engine starts (nothing is appended yet) this swaps both: the entries for a {@link DiskLogEntries} (a
 * file; appends already run one at a time, and a reader sees an entry only once its bytes are written) and the
 * listeners for a concurrent set. It touches the development engine only; a Camunda 8 cluster has its own journal.
 */
final class LogStorageGuard {

    private LogStorageGuard() {
    }

    /** Gives a created, not yet started engine's log storage the entries list and a concurrent listener set. */
    static void makeThreadSafe(ZeebeTestEngine engine, List<java.nio.ByteBuffer> entries) {
        guard(storage(engine), entries);
    }

    /**
     * Swaps the collections of an in-memory log storage nothing has written to yet: its entries for {@code entries}
     * (thread-safe, as {@link DiskLogEntries}), its commit listeners for a concurrent set.
     */
    static void guard(io.camunda.zeebe.logstreams.storage.LogStorage storage, List<java.nio.ByteBuffer> entries) {
        try {
            List<?> current = (List<?>) read(storage, "logEntries");
            Set<?> listeners = (Set<?>) read(storage, "commitListeners");
            if (!current.isEmpty() || !entries.isEmpty()) {
                throw new IllegalStateException("the log storage must be guarded before the engine writes to it");
            }
            write(storage, "logEntries", entries);
            Set<Object> concurrentListeners = ConcurrentHashMap.newKeySet();
            concurrentListeners.addAll(listeners);
            write(storage, "commitListeners", concurrentListeners);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot guard the in-memory engine's log storage (zeebe-process-test "
                    + "changed its internals?): " + e, e);
        }
    }

    /** How often the engine looks for batch operations: never, in effect (the application starts none). */
    static final java.time.Duration BATCH_OPERATION_INTERVAL = java.time.Duration.ofDays(3650);

    /**
     * Stops the engine's batch-operation scheduler from reading the in-memory state on a thread of its own.
     *
     * <p>In 8.8 that scheduler runs on a second actor and iterates the state while the stream processor writes it.
     * RocksDB gives it a consistent view; the in-memory state is a plain {@code TreeMap}, so under load the copy
     * fails with a {@code ConcurrentModificationException}, logged as an ERROR ("Uncaught exception in
     * 'BatchOperationActor-1'"). The application starts no batch operations, so on the development engine the
     * scheduler waits {@link #BATCH_OPERATION_INTERVAL} instead of a few seconds. Called before the engine starts,
     * when the stream processor has created its engine and configuration but not yet its scheduled tasks.
     */
    static void quietBatchOperations(ZeebeTestEngine engine) {
        try {
            configuration(engine).setBatchOperationSchedulerInterval(BATCH_OPERATION_INTERVAL);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot configure the in-memory engine's batch operations "
                    + "(zeebe-process-test changed its internals?): " + e, e);
        }
    }

    /** The interval the engine's batch-operation scheduler was configured with (for the test). */
    static java.time.Duration batchOperationInterval(ZeebeTestEngine engine) throws ReflectiveOperationException {
        return configuration(engine).getBatchOperationSchedulerInterval();
    }

    /** The configuration of the engine among the stream processor's record processors. */
    private static io.camunda.zeebe.engine.EngineConfiguration configuration(ZeebeTestEngine engine)
            throws ReflectiveOperationException {
        for (Object processor : (List<?>) read(read(engine, "streamProcessor"), "recordProcessors")) {
            if (processor instanceof io.camunda.zeebe.engine.Engine) {
                return (io.camunda.zeebe.engine.EngineConfiguration) read(processor, "config");
            }
        }
        throw new IllegalStateException("no engine among the stream processor's record processors");
    }

    /** Whether the engine's log storage has been guarded (for the test). */
    static boolean isGuarded(ZeebeTestEngine engine) {
        try {
            Object storage = read(read(engine, "logStream"), "logStorage");
            return read(storage, "logEntries") instanceof DiskLogEntries
                    && read(storage, "commitListeners").getClass().getName().contains("ConcurrentHashMap");
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The engine's log storage (for the test). */
    static io.camunda.zeebe.logstreams.storage.LogStorage storage(ZeebeTestEngine engine) {
        try {
            return (io.camunda.zeebe.logstreams.storage.LogStorage) read(read(engine, "logStream"), "logStorage");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        Field field = field(owner.getClass(), name);
        return field.get(owner);
    }

    private static void write(Object owner, String name, Object value) throws ReflectiveOperationException {
        field(owner.getClass(), name).set(owner, value);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        return EngineInternals.field(type, name);
    }
}
