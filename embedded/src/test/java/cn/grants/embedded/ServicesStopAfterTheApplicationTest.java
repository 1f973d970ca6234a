package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The development runtime's database, object store and engine stop after the application's beans: a job worker,
 * a scheduler or the connection pool that still uses them while it stops finds them answering (before, they were
 * stopped when the context began to close, and the application logged errors and waited 30 s for a connection).
 */
class ServicesStopAfterTheApplicationTest {

    /** What happened, in order: the application's bean stopping, the service closing. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    void shouldStopTheServiceAfterEveryBeanOfTheApplicationHasStopped() {
        // given: an application whose bean uses the service while it stops
        SpringApplication application = application(UsesTheServiceWhileStopping.class);
        EmbeddedBackingServices.closeWithContext(application, () -> EVENTS.add("service closed"));
        ConfigurableApplicationContext context = application.run();
        assertThat(EVENTS).isEmpty();

        // when
        context.close();

        // then: the bean stopped first, and the service closed once
        assertThat(EVENTS).containsExactly("bean stopped", "service closed");
    }

    @Test
    void shouldStopTheServiceOnceWhenTheApplicationFailsToStart() {
        // given: an application one of whose beans cannot be created
        SpringApplication application = application(FailsToStart.class);
        EmbeddedBackingServices.closeWithContext(application, () -> EVENTS.add("service closed"));

        // when / then: the start fails, and the service is closed once
        assertThatThrownBy(application::run).hasRootCauseMessage("cannot start");
        assertThat(EVENTS).containsExactly("service closed");
    }

    @Test
    void shouldKeepTheDatabaseAnsweringTheApplicationWhileItStopsOnSigterm(@TempDir Path dir) throws Exception {
        // given: the application on the embedded PostgreSQL, in a JVM of its own, one of whose beans queries the
        // database a second after the stop began
        Path log = dir.resolve("run.log");
        Process run = startedRun(dir, log);
        try {
            // when: the JVM is asked to stop, as the operating system or an operator stops it
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the application stopped").isTrue();

            // then: the database answered the bean while it stopped, and was shut down cleanly after it
            assertThat(Files.readString(log)).contains("QUERY WHILE STOPPING: answered");
            assertThat(dir.resolve("pg/postmaster.pid")).as("removed by a clean shutdown; %s", Files.readString(log))
                    .doesNotExist();
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void shouldStopTheDatabaseWhenTheJvmExitsWithAnApplicationNobodyCloses(@TempDir Path dir) throws Exception {
        // given: an application configured to register no shutdown hook (spring.main.register-shutdown-hook=false)
        Path log = dir.resolve("run.log");
        Process run = startedRun(dir, log, "unclosed");
        try {
            // when
            run.destroy();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the JVM exited").isTrue();

            // then: its database was still shut down cleanly, not left running
            assertThat(dir.resolve("pg/postmaster.pid")).as("removed by a clean shutdown; %s", Files.readString(log))
                    .doesNotExist();
        } finally {
            run.destroyForcibly();
        }
    }

    /** {@link StoppingRun} in a JVM of its own, started, its PostgreSQL running. */
    private static Process startedRun(Path dir, Path log, String... args) throws Exception {
        List<String> runArgs = new java.util.ArrayList<>(List.of(dir.toString()));
        runArgs.addAll(List.of(args));
        Process run = ChildJvm.startUntilReady(StoppingRun.class, log, runArgs.toArray(String[]::new));
        assertThat(dir.resolve("pg/postmaster.pid")).as("the running postmaster's lock file").exists();
        return run;
    }

    private static SpringApplication application(Class<?> configuration) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the development runtime's own post-processors start nothing here
        application.setDefaultProperties(Map.of("grants.embedded.enabled", "false", "spring.main.banner-mode", "off"));
        application.setRegisterShutdownHook(false);
        return application;
    }

    @Configuration(proxyBeanMethods = false)
    static class UsesTheServiceWhileStopping {

        @Bean
        DisposableBean worker() {
            return () -> EVENTS.add("bean stopped");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailsToStart {

        @Bean
        Object broken() {
            throw new IllegalStateException("cannot start");
        }
    }
}
