package cn.grants.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application on the embedded PostgreSQL (no S3, no engine) that a test stops with SIGTERM: one of its beans
 * still queries the database while it stops, a second after the stop began, as a connection pool or a job worker
 * finishing its work would, and prints what it got. With the argument {@code unclosed} the application is
 * configured to register no shutdown hook, and is never closed.
 */
public final class StoppingRun {

    private StoppingRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        SpringApplication application = new SpringApplication(UsesTheDatabaseWhileStopping.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("grants.data-dir", args[0], "spring.main.banner-mode", "off",
                // an S3 endpoint and an engine address given: only PostgreSQL starts
                "grants.storage.endpoint", "http://127.0.0.1:1", "grants.zeebe.address", "http://127.0.0.1:1"));
        application.run(args.length > 1 && args[1].equals("unclosed")
                // the application registers no shutdown hook: nothing closes it when the JVM exits
                ? new String[] {"--spring.main.register-shutdown-hook=false"} : new String[0]);
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(600_000); // until the test stops the JVM
    }

    @Configuration(proxyBeanMethods = false)
    static class UsesTheDatabaseWhileStopping {

        @Bean
        DisposableBean lastQuery(@Value("${spring.datasource.url}") String url) {
            return () -> {
                Thread.sleep(1_000);
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                        ResultSet rs = c.createStatement().executeQuery("select 'answered'")) {
                    rs.next();
                    System.out.println("QUERY WHILE STOPPING: " + rs.getString(1));
                } catch (Exception e) {
                    System.out.println("QUERY WHILE STOPPING: " + e);
                }
                System.out.flush();
            };
        }
    }
}
