package cn.grants.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The development engine (zeebe-process-test-engine: Camunda's own licence, for development, testing, demonstration
 * and evaluation only), its gRPC gateway on the loopback interface. Its log ({@link DiskLogEntries}) and its state
 * (RocksDB, {@link EngineState}) are in a scratch directory deleted when it stops: a restart is a fresh engine.
 */
public final class InMemoryEngine implements AutoCloseable {

    private final ZeebeTestEngine engine;
    private final Path directory;
    private final DiskLogEntries log;

    private InMemoryEngine(ZeebeTestEngine engine, Path directory, DiskLogEntries log) {
        this.engine = engine;
        this.directory = directory;
        this.log = log;
    }

    /** Starts an engine whose gateway listens on 127.0.0.1:{@code port} ({@code 0}: a free port). */
    public static InMemoryEngine start(int port) {
        LoopbackGrpcServers.register();
        Path directory = EngineState.createDirectory();
        DiskLogEntries log = null;
        try {
            ZeebeTestEngine engine = EngineFactory.create(port == 0 ? FreePorts.find() : port);
            log = new DiskLogEntries(directory.resolve("log"));
            LogStorageGuard.makeThreadSafe(engine, log);
            LogStorageGuard.quietBatchOperations(engine);
            Path state = Files.createDirectory(directory.resolve("state"));
            EngineState.useRocksDb(engine, state);
            engine.start();
            return new InMemoryEngine(engine, directory, log);
        } catch (java.io.IOException | RuntimeException e) {
            if (log != null) {
                log.close();
            }
            EngineState.delete(directory);
            throw e instanceof RuntimeException r ? r : new java.io.UncheckedIOException((java.io.IOException) e);
        }
    }

    ZeebeTestEngine engine() {
        return engine;
    }

    /** The engine's scratch directory (for the test). */
    Path directory() {
        return directory;
    }

    /** The engine's log (for the test). */
    DiskLogEntries log() {
        return log;
    }

    /** host:port of the gRPC gateway. */
    public String gatewayAddress() {
        return engine.getGatewayAddress();
    }

    @Override
    public void close() {
        try {
            engine.stop();
        } finally {
            log.close();
            EngineState.delete(directory);
        }
    }
}
