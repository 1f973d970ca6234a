package cn.grants.api.security;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the demo users (password = user name) exist: {@code grants.security.demo-users.enabled} (env
 * {@code DEMO_USERS}) is {@code auto} by default — on only when the development runtime started the embedded
 * PostgreSQL (it sets {@code grants.embedded.postgres.port}), off as soon as a database is configured
 * ({@code DB_URL}). {@code false} turns them off everywhere; {@code force} turns them on even with a configured
 * database (a shared test system, never production); {@code true} is the same as {@code auto}.
 */
public class DemoUsersCondition implements Condition {

    public static final String PROPERTY = "grants.security.demo-users.enabled";
    /** set by the development runtime when it started the embedded PostgreSQL */
    public static final String EMBEDDED_DATABASE = "grants.embedded.postgres.port";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context.getEnvironment());
    }

    public static boolean enabled(Environment env) {
        String mode = env.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "false", "off", "no" -> false;
            case "force" -> true;
            default -> env.containsProperty(EMBEDDED_DATABASE);
        };
    }
}
