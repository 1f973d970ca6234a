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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Browsers sign in with a form (session, CSRF on); API clients use HTTP Basic. Every page and API request is checked
 * server-side. The embedded default has demo users whose password
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
    SecurityFilterChain web(HttpSecurity http,
            org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> oidc,
            @org.springframework.beans.factory.annotation.Value("${grants.security.oidc.roles-claim:realm_access.roles}") String rolesClaim)
            throws Exception {
        if (oidc.getIfAvailable() != null) {
            // production: sign-in through the OpenID Connect provider; its roles claim gives the application roles
            http.oauth2Login(login -> login.loginPage("/login.html").defaultSuccessUrl("/", false)
                    .userInfoEndpoint(user -> user.oidcUserService(OidcRoles.userService(rolesClaim))));
        }
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null); // the token is always loaded, so the cookie is always set
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/error").permitAll()
                        // pages and their assets carry no data; the data comes from the API, checked per request
                        .requestMatchers("/", "/index.html", "/login.html", "/measures.html", "/publicity.html",
                                "/assets/**", "/vendor/**", "/favicon.ico").permitAll()
                        .requestMatchers("/tasks.html").hasAnyRole(Roles.OFFICER, Roles.EXPERT, Roles.AUDITOR, Roles.FINANCE)
                        .requestMatchers("/finance.html").hasRole(Roles.FINANCE)
                        .requestMatchers("/models.html").hasAnyRole(Roles.PROCESS_OWNER, Roles.OFFICER)
                        .requestMatchers("/dashboard.html").hasAnyRole(Roles.OFFICER, Roles.PROCESS_OWNER, Roles.FINANCE)
                        .requestMatchers("/operations.html").hasRole(Roles.OFFICER)
                        .requestMatchers("/apply.html").hasRole(Roles.APPLICANT)
                        .requestMatchers(HttpMethod.GET, "/api/measures/**", "/api/clusters/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/measures/*/quote").permitAll()
                        .requestMatchers("/api/publicity", "/api/publicity/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/cases", "/api/cases/*/submit").hasRole(Roles.APPLICANT)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/documents")
                        .hasAnyRole(Roles.APPLICANT, Roles.AUDITOR, Roles.OFFICER)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated())
                // browsers sign in with a form and keep a session; API clients send HTTP Basic on each request
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .defaultSuccessUrl("/", false).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login.html?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicEntryPoint()))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login.html"),
                                request -> !request.getRequestURI().startsWith("/api/")))
                // CSRF protects what a session authorizes: the pages send the XSRF-TOKEN cookie back as a header.
                // A request without a session cookie carries no ambient authority (API clients authenticate with
                // HTTP Basic per request, and the API never asks a browser for Basic credentials from a page).
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(plainToken)
                        .requireCsrfProtectionMatcher(request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                                && (hasSessionCookie(request) || "/login".equals(request.getRequestURI())
                                        || "/logout".equals(request.getRequestURI()))));
        return http.build();
    }

    static boolean hasSessionCookie(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
            if ("JSESSIONID".equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    /** 401 with a Basic challenge for API clients, but none for the pages' own calls (no browser prompt). */
    static org.springframework.security.web.AuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("grants");
        return (request, response, e) -> {
            if ("XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.sendError(401, "sign in");
            } else {
                basic.commence(request, response, e);
            }
        };
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
