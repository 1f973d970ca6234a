package cn.grants.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the embedded PostgreSQL and S3 server before the application context when no external ones are
 * configured: with {@code spring.datasource.url} (env {@code DB_URL}) set no PostgreSQL starts, with
 * {@code grants.storage.endpoint} (env {@code S3_ENDPOINT}) set no S3 server starts. Data lives under
 * {@code grants.data-dir} ({@code ./data} by default): {@code pg/} and {@code s3/}.
 */
public class EmbeddedBackingServices implements EnvironmentPostProcessor {

    public static final String PROPERTY_SOURCE = "grantsEmbeddedServices";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("grants.embedded.enabled", Boolean.class, true)
                || env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        Path dataDir = Path.of(env.getProperty("grants.data-dir", "./data")).toAbsolutePath().normalize();
        Map<String, Object> props = new HashMap<>();
        if (blank(env.getProperty("spring.datasource.url"))) {
            // stopped by the application after its beans (closeWithContext), not by a JVM shutdown hook of its own
            // beside the application's, unless the application is configured to close nothing when the JVM exits
            EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir.resolve("pg"),
                    !env.getProperty("spring.main.register-shutdown-hook", Boolean.class, true));
            props.put("spring.datasource.url", pg.jdbcUrl());
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "postgres");
            props.put("grants.embedded.postgres.port", pg.port());
            closeWithContext(application, pg);
        }
        if (blank(env.getProperty("grants.storage.endpoint"))) {
            int port = env.getProperty("grants.embedded.s3-port", Integer.class, 0);
            EmbeddedS3Server s3 = EmbeddedS3Server.start(dataDir.resolve("s3"), port);
            props.put("grants.storage.endpoint", s3.endpoint());
            props.put("grants.storage.access-key", s3.accessKey());
            props.put("grants.storage.secret-key", s3.secretKey());
            closeWithContext(application, s3);
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, props));
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Stops the service after every bean of the application has stopped, or when the application fails to start.
     * It is registered with the context's bean factory before any bean of the application, so it is destroyed after
     * all of them (singletons are destroyed in the reverse order of their registration): the job workers, the
     * schedulers, the connection pool and the request threads stop while the database, the object store and the
     * engine still answer them, instead of failing against a database that had already stopped. When the JVM
     * exits, Spring Boot's shutdown hook closes the context, and so stops the service.
     */
    public static void closeWithContext(SpringApplication application, AutoCloseable service) {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean registered = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                try {
                    service.close();
                } catch (Exception ignored) {
                    // logged by the service
                }
            }
        };
        application.addListeners(event -> {
            if (event instanceof ApplicationPreparedEvent prepared
                    && prepared.getApplicationContext().getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
                beans.registerDisposableBean(service.getClass().getName() + "#" + System.identityHashCode(service),
                        close::run);
                registered.set(true);
            } else if (event instanceof ApplicationFailedEvent
                    || (event instanceof ContextClosedEvent && !registered.get())) {
                close.run();
            }
        });
    }
}
