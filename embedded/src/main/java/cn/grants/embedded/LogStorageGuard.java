package cn.grants.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the in-memory engine's log storage safe to read while it is written.
 *
 * <p>zeebe-process-test keeps the log in a plain {@code ArrayList}: the sequencer appends under its lock, but the
 * stream processor and the record-stream readers read without one. A reader that sees the new size before the new
 * element (or the old backing array after it grew) reads {@code null}; the stream processor then fails with a
 * {@code NullPointerException} in {@code UnsafeBuffer.wrap}, and from that moment every command times out
 * ({@code DEADLINE_EXCEEDED}) until the engine restarts. Commit listeners sit in a {@code HashSet} that readers
 * register in while appends iterate it.
 *
 * <p>Before the engine starts (nothing is appended yet) this swaps both for their concurrent counterparts: a
 * synchronised list (appends already run one at a time, so only the publication to readers changes) and a concurrent
 * set. It touches the development engine only; a Camunda 8 cluster has its own journal.
 */
final class LogStorageGuard {

    private LogStorageGuard() {
    }

    /** Swaps the log storage's collections of a created, not yet started engine. */
    static void makeThreadSafe(ZeebeTestEngine engine) {
        guard(storage(engine));
    }

    /** Swaps the collections of an in-memory log storage nothing has written to yet. */
    static void guard(io.camunda.zeebe.logstreams.storage.LogStorage storage) {
        try {
            List<?> entries = (List<?>) read(storage, "logEntries");
            Set<?> listeners = (Set<?>) read(storage, "commitListeners");
            if (!entries.isEmpty()) {
                throw new IllegalStateException("the log storage must be guarded before the engine writes to it");
            }
            write(storage, "logEntries", Collections.synchronizedList(new ArrayList<>()));
            Set<Object> concurrentListeners = ConcurrentHashMap.newKeySet();
            concurrentListeners.addAll(listeners);
            write(storage, "commitListeners", concurrentListeners);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot guard the in-memory engine's log storage (zeebe-process-test "
                    + "changed its internals?): " + e, e);
        }
    }

    /** Whether the engine's log storage has been guarded (for the test). */
    static boolean isGuarded(ZeebeTestEngine engine) {
        try {
            Object storage = read(read(engine, "logStream"), "logStorage");
            return read(storage, "logEntries").getClass().getName().startsWith("java.util.Collections$Synchronized")
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
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
