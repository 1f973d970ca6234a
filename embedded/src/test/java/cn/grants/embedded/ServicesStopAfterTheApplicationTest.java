package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
