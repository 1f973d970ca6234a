package cn.grants.api.diagnostics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * How many SQL statements each API request runs: a query per row of a list (N+1) shows at once. Every statement
 * Hibernate prepares is counted on the request's thread, and each request's count is recorded in the distribution
 * summary {@code grants.http.sql.statements} (tags: method, uri pattern), on /actuator/metrics and /actuator/prometheus.
 * {@code QueryBudgetIntegrationTest} holds the lists and the case view to a bound that does not grow with their rows.
 */
@Configuration(proxyBeanMethods = false)
public class SqlStatementsPerRequest {

    static final String METRIC = "grants.http.sql.statements";
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    /** Counts the statements of the current thread while a request is counted; changes nothing. */
    static final class Counter implements StatementInspector {
        @Override
        public String inspect(String sql) {
            int[] count = COUNT.get();
            if (count != null) {
                count[0]++;
                if (sql.stripLeading().regionMatches(true, 0, "select", 0, 6)) {
                    count[1]++;
                }
            }
            return sql;
        }
    }

    /** The statements a piece of work ran: all of them, and the queries ({@code select}, locks included) among them. */
    public record Statements(int all, int queries) {
    }

    /**
     * Runs the work on this thread and counts the statements Hibernate prepared for it (also while a request is
     * counted, whose count then includes them): how a test holds a service to a bound that does not grow with its rows.
     */
    public static Statements count(Runnable work) {
        int[] outer = COUNT.get();
        int[] count = {0, 0};
        COUNT.set(count);
        try {
            work.run();
        } finally {
            if (outer == null) {
                COUNT.remove();
            } else {
                outer[0] += count[0];
                outer[1] += count[1];
                COUNT.set(outer);
            }
        }
        return new Statements(count[0], count[1]);
    }

    @Bean
    HibernatePropertiesCustomizer sqlStatementCounter() {
        return properties -> properties.put("hibernate.session_factory.statement_inspector", new Counter());
    }

    @Bean
    OncePerRequestFilter sqlStatementsPerRequestFilter(MeterRegistry registry) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith("/api/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                int[] count = {0, 0};
                COUNT.set(count);
                try {
                    chain.doFilter(request, response);
                } finally {
                    COUNT.remove();
                    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                    DistributionSummary.builder(METRIC).description("SQL statements run by one API request")
                            .tag("method", request.getMethod())
                            .tag("uri", pattern == null ? "UNKNOWN" : pattern.toString())
                            .register(registry).record(count[0]);
                }
            }
        };
    }
}
