package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development engine's log can be read while it is written: a reader never sees an entry that is not there yet
 * (the unguarded storage let the stream processor read {@code null} and stop, and every later command timed out),
 * and its entries are in a file, not the heap.
 */
class LogStorageGuardTest {

    @Test
    void shouldStartTheDevelopmentEngineWithAGuardedLogStorage() {
        try (InMemoryEngine engine = InMemoryEngine.start(0)) {
            assertThat(LogStorageGuard.isGuarded(engine.engine())).isTrue();
        }
    }

    @Test
    void shouldKeepTheBatchOperationSchedulerFromReadingTheStateOnASecondThread() throws Exception {
        // given the engine as zeebe-process-test creates it: its batch-operation scheduler polls every few seconds, on
        // an actor of its own, and copied the in-memory state while it was written (ConcurrentModificationException)
        io.camunda.zeebe.process.test.api.ZeebeTestEngine raw = io.camunda.zeebe.process.test.engine.EngineFactory
                .create(FreePorts.find());
        raw.start(); // (stopping an engine that never started waits for minutes)
        try {
            assertThat(LogStorageGuard.batchOperationInterval(raw)).isLessThan(java.time.Duration.ofMinutes(1));
        } finally {
            raw.stop();
        }

        // when the development engine starts
        try (InMemoryEngine engine = InMemoryEngine.start(0)) {
            // then it no longer polls for batch operations (the application starts none)
            assertThat(LogStorageGuard.batchOperationInterval(engine.engine()))
                    .isEqualTo(LogStorageGuard.BATCH_OPERATION_INTERVAL);
        }
    }

    @Test
    void shouldLetAReaderFollowTheLogWhileAnotherThreadAppendsWithoutEverReadingAMissingEntry(@TempDir Path dir)
            throws Exception {
        // given the engine's kind of log storage, guarded, its entries in a file, on its own (no stream processor)
        var constructor = Class.forName("io.camunda.zeebe.process.test.engine.InMemoryLogStorage")
                .getDeclaredConstructor();
        constructor.setAccessible(true);
        LogStorage storage = (LogStorage) constructor.newInstance();
        DiskLogEntries entriesFile = new DiskLogEntries(dir.resolve("log"));
        LogStorageGuard.guard(storage, entriesFile);
        int entries = 200_000;
        AtomicBoolean appending = new AtomicBoolean(true);

        // when one thread appends while another follows the log as the stream processor does
        CompletableFuture<Integer> follower = CompletableFuture.supplyAsync(() -> {
            LogStorageReader reader = storage.newReader();
            int read = 0;
            while (read < entries) {
                if (reader.hasNext()) {
                    int value = reader.next().getInt(0);
                    if (value != read) {
                        throw new AssertionError("read entry " + value + " where " + read + " was expected");
                    }
                    read++;
                } else if (!appending.get() && !reader.hasNext()) {
                    break;
                }
            }
            return read;
        });
        for (int i = 0; i < entries; i++) {
            storage.append(i + 1, i + 1, new IntWriter(i), new LogStorage.AppendListener() { });
        }
        appending.set(false);

        // then every entry was read, in order, none of them missing, from the file
        assertThat(follower.get(60, TimeUnit.SECONDS)).isEqualTo(entries);
        assertThat(entriesFile.bytes()).isEqualTo((long) entries * Integer.BYTES);
        assertThat(java.nio.file.Files.size(dir.resolve("log"))).isEqualTo((long) entries * Integer.BYTES);
        entriesFile.close();
    }

    private record IntWriter(int value) implements BufferWriter {
        @Override
        public int getLength() {
            return Integer.BYTES;
        }

        @Override
        public int write(MutableDirectBuffer buffer, int offset) {
            buffer.putInt(offset, value);
            return Integer.BYTES;
        }
    }
}
