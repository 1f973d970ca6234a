package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL keeps its data, runs durably, and recovers from what a crashed run leaves behind. */
class EmbeddedPostgresServerIntegrationTest {

    @TempDir
    Path dir;

    private static String query(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldKeepDataAcrossRestartsWithFsyncOn() throws Exception {
        // given
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "postgres", "postgres")) {
                c.createStatement().execute("create table kept (v text); insert into kept values ('案卷')");
            }
        }

        // when
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data)) {
            // then
            assertThat(query(second.jdbcUrl(), "select v from kept")).isEqualTo("案卷");
            assertThat(query(second.jdbcUrl(), "show fsync")).isEqualTo("on");
            assertThat(query(second.jdbcUrl(), "show synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void shouldRemoveTheLockFileOfAPostmasterThatNoLongerRuns() throws Exception {
        // given: a postmaster.pid naming a process that has exited
        Path data = dir.resolve("pg");
        EmbeddedPostgresServer.start(data).close();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n");

        // when
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            // then
            assertThat(query(server.jdbcUrl(), "select 1")).isEqualTo("1");
        }
    }

    @Test
    void shouldStopAPostmasterLeftRunningByACrashedRun() throws Exception {
        // given: a run killed with SIGKILL, whose postmaster goes on running on the data directory
        Path data = dir.resolve("pg");
        Process run = ChildJvm.startUntilReady(CrashingRun.class, dir.resolve("run.log"), data.toString());
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        run.destroyForcibly().waitFor();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive()).as("the crashed run's postmaster").isTrue();

        // when
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data)) {
            // then
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(server.jdbcUrl(), "select 1")).isEqualTo("1");
        } finally {
            orphan.destroyForcibly();
        }
    }
}
