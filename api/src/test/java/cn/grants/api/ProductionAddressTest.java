package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * In the product jar (no development runtime, so nothing rewrites the client's settings) the Camunda client reaches
 * the cluster that ZEEBE_GRPC_ADDRESS and ZEEBE_REST_ADDRESS name, through application.yml alone.
 */
class ProductionAddressTest {

    @Test
    void shouldPointTheClientAtTheClusterTheEnvironmentNames() throws IOException {
        // given the application's settings and the environment of a production deployment
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("deployment", Map.of(
                "ZEEBE_GRPC_ADDRESS", "https://zeebe-grpc.example.gov.cn:443",
                "ZEEBE_REST_ADDRESS", "https://zeebe.example.gov.cn",
                "CAMUNDA_CLIENT_AUTH_METHOD", "oidc")));
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(env.getPropertySources()::addLast);

        // then
        assertThat(env.getProperty("camunda.client.grpc-address")).isEqualTo("https://zeebe-grpc.example.gov.cn:443");
        assertThat(env.getProperty("camunda.client.rest-address")).isEqualTo("https://zeebe.example.gov.cn");
        assertThat(env.getProperty("camunda.client.auth.method")).isEqualTo("oidc");
    }
}
