package cn.grants.embedded;

import java.nio.file.Path;

/** A run that starts the embedded PostgreSQL and is then killed (SIGKILL) by a test, as a crash would. */
public final class CrashingRun {

    private CrashingRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer.start(Path.of(args[0]));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
