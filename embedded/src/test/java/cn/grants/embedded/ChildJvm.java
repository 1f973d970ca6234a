package cn.grants.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} in a JVM of its own, on this test's class path, as the tests that stop or kill a run need
 * it: started, and waited for until it prints {@code READY}.
 */
final class ChildJvm {

    private static final long START_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private ChildJvm() {
    }

    /**
     * Starts {@code main} with {@code args}, its output and errors written to {@code log}, and returns it once it
     * has printed {@code READY}; fails, with what it printed, if it exits or is not ready within two minutes.
     */
    static Process startUntilReady(Class<?> main, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (run.isAlive() && !ready(log) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!ready(log)) {
            run.destroyForcibly().waitFor();
            throw new AssertionError(main.getSimpleName() + " did not print READY"
                    + (run.exitValue() == 0 ? "" : " (exit " + run.exitValue() + ")") + ":\n" + Files.readString(log));
        }
        return run;
    }

    private static boolean ready(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log).contains("READY");
    }
}
