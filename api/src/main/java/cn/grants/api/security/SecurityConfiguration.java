package cn.grants.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP Basic on the API, checked server-side for every request. The embedded default has demo users whose password
 * is their user name ({@code grants.security.demo-users}); production turns them off and configures its own users.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
@EnableConfigurationProperties(SecurityConfiguration.DemoUsers.class)
public class SecurityConfiguration {

    /** {@code grants.security.demo-users.users.<name>=ROLE[,ROLE]} */
    @ConfigurationProperties("grants.security.demo-users")
    public record DemoUsers(boolean enabled, Map<String, String> users) {
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/measures/**", "/api/clusters/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/measures/*/quote").permitAll()
                        .requestMatchers("/api/publicity", "/api/publicity/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/cases", "/api/cases/*/submit").hasRole(Roles.APPLICANT)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/documents")
                        .hasAnyRole(Roles.APPLICANT, Roles.AUDITOR, Roles.OFFICER)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @ConditionalOnProperty(name = "grants.security.demo-users.enabled", havingValue = "true", matchIfMissing = true)
    UserDetailsService demoUsers(DemoUsers demo, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        demo.users().forEach((name, roles) -> users.add(User.withUsername(name).password(encoder.encode(name))
                .roles(roles.split(",")).build()));
        return new InMemoryUserDetailsManager(users);
    }
}
