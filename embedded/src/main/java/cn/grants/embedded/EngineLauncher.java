package cn.grants.embedded;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the in-memory engine in a JVM of its own, so that the application can be a plain client of it through
 * {@code ZEEBE_GRPC_ADDRESS}, as it is of a Camunda 8 cluster in production. Used by the end-to-end and
 * multi-instance tests (argument: the gateway port, 26500 by default).
 * Prints {@code READY http://127.0.0.1:<port>} when the gateway listens, and stops when its standard input closes
 * (the parent process ended) or on SIGTERM.
 */
public final class EngineLauncher {

    private EngineLauncher() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 26500;
        InMemoryEngine engine = InMemoryEngine.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "engine-shutdown"));
        System.out.println("READY http://" + engine.gatewayAddress());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent keeps the pipe open while it needs the engine
        }
        System.exit(0);
    }
}
