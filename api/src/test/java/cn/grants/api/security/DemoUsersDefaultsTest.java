package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Demo users (password = user name) exist only with the embedded services: once a database is configured (DB_URL)
 * they are off unless forced (DEMO_USERS=force); the Docker image and the Helm values turn them off.
 */
class DemoUsersDefaultsTest {

    /** application.yml under the given environment variables, as the product jar reads it. */
    private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("deployment", variables));
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);
        return env;
    }

    @Test
    void shouldHaveDemoUsersWithTheEmbeddedDatabaseOnly() throws IOException {
        // given the embedded runtime (it sets the port of the PostgreSQL it started), and a configured database
        StandardEnvironment embedded = environment(Map.of(DemoUsersCondition.EMBEDDED_DATABASE, "54321"));
        StandardEnvironment production = environment(Map.of("DB_URL", "jdbc:postgresql://db.example.gov.cn/grants"));
        StandardEnvironment productionTrue = environment(Map.of("DB_URL", "jdbc:postgresql://db/grants", "DEMO_USERS", "true"));
        StandardEnvironment forced = environment(Map.of("DB_URL", "jdbc:postgresql://db/grants", "DEMO_USERS", "force"));
        StandardEnvironment embeddedOff = environment(Map.of(DemoUsersCondition.EMBEDDED_DATABASE, "54321",
                "DEMO_USERS", "false"));

        // then
        assertThat(DemoUsersCondition.enabled(embedded)).isTrue();
        assertThat(DemoUsersCondition.enabled(production)).isFalse();
        assertThat(DemoUsersCondition.enabled(productionTrue)).isFalse();
        assertThat(DemoUsersCondition.enabled(forced)).isTrue();
        assertThat(DemoUsersCondition.enabled(embeddedOff)).isFalse();
    }

    @Test
    void shouldSignInNoDemoUserWithAConfiguredDatabaseButTheConfiguredUsers() throws IOException {
        // given a production environment with one configured user (its password encoded, never plain)
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("s3cret-Passw0rd");
        StandardEnvironment production = environment(Map.of("DB_URL", "jdbc:postgresql://db/grants",
                "grants.security.users.zhang.password", hash, "grants.security.users.zhang.roles", "OFFICER"));
        SecurityConfiguration.DemoUsers demo = org.springframework.boot.context.properties.bind.Binder.get(production)
                .bind("grants.security.demo-users", SecurityConfiguration.DemoUsers.class).get();
        SecurityConfiguration.Users users = org.springframework.boot.context.properties.bind.Binder.get(production)
                .bind("grants.security", SecurityConfiguration.Users.class).get();

        // when
        UserDetailsService store = new SecurityConfiguration().passwordUsers(demo, users,
                PasswordEncoderFactories.createDelegatingPasswordEncoder(), production);

        // then
        assertThat(store.loadUserByUsername("zhang").getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_OFFICER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.loadUserByUsername("officer"))
                .isInstanceOf(UsernameNotFoundException.class);
        assertThat(new SecurityConfiguration.PasswordUsersCondition().matches(context(production), null)).isTrue();
        assertThat(new SecurityConfiguration.PasswordUsersCondition().matches(
                context(environment(Map.of("DB_URL", "jdbc:postgresql://db/grants"))), null)).isFalse();
    }

    @Test
    void shouldShipTheDockerImageAndTheHelmValuesWithoutDemoUsers() throws IOException {
        // given
        Path root = Path.of("..");

        // then
        assertThat(Files.readString(root.resolve("deploy/Dockerfile"))).containsPattern("DEMO_USERS=\"?false\"?");
        assertThat(Files.readString(root.resolve("deploy/helm/values.yaml"))).containsPattern("DEMO_USERS: \"false\"");
    }

    private static org.springframework.context.annotation.ConditionContext context(StandardEnvironment env) {
        return new org.springframework.context.annotation.ConditionContext() {
            public org.springframework.beans.factory.support.BeanDefinitionRegistry getRegistry() {
                return null;
            }

            public org.springframework.beans.factory.config.ConfigurableListableBeanFactory getBeanFactory() {
                return null;
            }

            public org.springframework.core.env.Environment getEnvironment() {
                return env;
            }

            public org.springframework.core.io.ResourceLoader getResourceLoader() {
                return null;
            }

            public ClassLoader getClassLoader() {
                return getClass().getClassLoader();
            }
        };
    }
}
