package cn.grants.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;

/**
 * The in-memory Zeebe engine of the development runtime (zeebe-process-test-engine: Camunda's own licence, for
 * development, testing, demonstration and evaluation only), its gRPC gateway on the loopback interface.
 */
public final class InMemoryEngine implements AutoCloseable {

    private final ZeebeTestEngine engine;

    private InMemoryEngine(ZeebeTestEngine engine) {
        this.engine = engine;
    }

    /** Starts an engine whose gateway listens on 127.0.0.1:{@code port} ({@code 0}: a free port). */
    public static InMemoryEngine start(int port) {
        LoopbackGrpcServers.register();
        ZeebeTestEngine engine = EngineFactory.create(port == 0 ? FreePorts.find() : port);
        LogStorageGuard.makeThreadSafe(engine);
        LogStorageGuard.quietBatchOperations(engine);
        engine.start();
        return new InMemoryEngine(engine);
    }

    ZeebeTestEngine engine() {
        return engine;
    }

    /** host:port of the gRPC gateway. */
    public String gatewayAddress() {
        return engine.getGatewayAddress();
    }

    @Override
    public void close() {
        engine.stop();
    }
}
