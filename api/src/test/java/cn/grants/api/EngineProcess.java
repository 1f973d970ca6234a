package cn.grants.api;

import cn.grants.embedded.EngineLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory engine in a JVM of its own ({@link EngineLauncher}, from the development runtime module), so that
 * the application under test is a plain client of it through its gRPC address, as production is of a Camunda 8
 * cluster. The engine stops when this object is closed or the test JVM ends (its standard input closes).
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final String grpcAddress;

    private EngineProcess(Process process, String grpcAddress) {
        this.process = process;
        this.grpcAddress = grpcAddress;
    }

    static EngineProcess start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                EngineLauncher.class.getName(), "0").redirectErrorStream(true);
        try {
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    String address = line.substring("READY ".length()).trim();
                    drain(out);
                    return new EngineProcess(process, address);
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the engine JVM did not report READY");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps reading the engine's log so that its output pipe never fills up. */
    private static void drain(BufferedReader out) {
        Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // the engine's log is not needed by the tests
                }
            } catch (IOException ignored) {
                // the engine ended
            }
        }, "engine-log");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** The gateway's address, e.g. http://127.0.0.1:41234, as ZEEBE_GRPC_ADDRESS takes it. */
    String grpcAddress() {
        return grpcAddress;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
