package cn.grants.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
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
@EnableConfigurationProperties({SecurityConfiguration.DemoUsers.class, SecurityConfiguration.Users.class,
        RateLimitSettings.class, LockoutSettings.class})
public class SecurityConfiguration {

    /**
     * {@code grants.security.demo-users.users.<name>=ROLE[,ROLE]}; {@code enabled}: {@code auto} (default: only with
     * the embedded PostgreSQL), {@code false}, {@code force} — see {@link DemoUsersCondition}.
     */
    @ConfigurationProperties("grants.security.demo-users")
    public record DemoUsers(String enabled, Map<String, String> users) {
    }

    /**
     * Real users without an OpenID Connect provider: {@code grants.security.users.<name>.password} (an encoded
     * password such as {@code {bcrypt}$2a$10$...}, never plain text) and {@code .roles} ({@code ROLE[,ROLE]}).
     */
    @ConfigurationProperties("grants.security")
    public record Users(Map<String, Account> users) {
        public record Account(String password, String roles) {
        }
    }

    /** The Content-Security-Policy of every response: scripts, styles, fonts, images and calls from this origin only. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    /**
     * The sessions Spring Session keeps in PostgreSQL write a request's access time at most once per
     * {@code grants.session.touch-interval} (1 minute), not on every request ({@link SessionAccessWrites}).
     */
    @Bean
    org.springframework.session.config.SessionRepositoryCustomizer<org.springframework.session.jdbc.JdbcIndexedSessionRepository>
            quietSessionAccess(@org.springframework.beans.factory.annotation.Value("${grants.session.touch-interval:PT1M}")
            java.time.Duration touchInterval) {
        String update = SessionAccessWrites.updateQuery(touchInterval);
        return sessions -> sessions.setUpdateSessionQuery(update);
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http,
            org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> oidc,
            @org.springframework.beans.factory.annotation.Value("${grants.security.oidc.roles-claim:realm_access.roles}") String rolesClaim,
            SignInLockout lockout)
            throws Exception {
        if (oidc.getIfAvailable() != null) {
            // production: sign-in through the OpenID Connect provider; its roles claim gives the application roles
            http.oauth2Login(login -> login.loginPage("/login.html").successHandler(sameOriginSuccess())
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
                        .requestMatchers(HttpMethod.PUT, "/api/cases/*/eligibility").hasRole(Roles.APPLICANT)
                        .requestMatchers(HttpMethod.POST, "/api/cases/*/documents")
                        .hasAnyRole(Roles.APPLICANT, Roles.AUDITOR, Roles.OFFICER)
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().authenticated())
                // browsers sign in with a form and keep a session; API clients send HTTP Basic on each request
                // a locked-out user name or address is refused before its password is checked
                .addFilterBefore(new SignInLockoutFilter(lockout), UsernamePasswordAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .successHandler(sameOriginSuccess()).failureUrl("/login.html?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login.html?logout"))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicEntryPoint()))
                // the API answers 401 (never a Basic challenge), the pages send to the sign-in page
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint()))
                // browser hardening: a strict CSP (nothing inline), no framing, no sniffing, little referrer
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(org.springframework.security.config.Customizer.withDefaults())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY)))
                // CSRF protects what a session authorizes: the pages send the XSRF-TOKEN cookie back as a header.
                // A request without a session cookie carries no ambient authority (API clients authenticate with
                // HTTP Basic per request, and the API never asks a browser for Basic credentials from a page).
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie())
                        .csrfTokenRequestHandler(plainToken)
                        .requireCsrfProtectionMatcher(request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                                && (hasSessionCookie(request) || "/login".equals(request.getRequestURI())
                                        || "/logout".equals(request.getRequestURI()))));
        return http.build();
    }

    static org.springframework.security.web.AuthenticationEntryPoint entryPoint() {
        org.springframework.security.web.AuthenticationEntryPoint api = basicEntryPoint();
        org.springframework.security.web.AuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint("/login.html");
        return (request, response, e) -> (request.getRequestURI().startsWith(request.getContextPath() + "/api/") ? api
                : pages).commence(request, response, e);
    }

    static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        cookie.setCookieCustomizer(c -> c.sameSite("Lax"));
        return cookie;
    }

    /**
     * After sign-in: back to the page that asked for it (a path of this application, never another site), else home.
     * Only the saved request's path and query are used, so the redirect is always same-origin.
     */
    static org.springframework.security.web.authentication.AuthenticationSuccessHandler sameOriginSuccess() {
        org.springframework.security.web.savedrequest.HttpSessionRequestCache cache =
                new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        return (request, response, authentication) -> {
            org.springframework.security.web.savedrequest.SavedRequest saved = cache.getRequest(request, response);
            cache.removeRequest(request, response);
            String target = "/";
            if (saved != null) {
                java.net.URI uri = java.net.URI.create(saved.getRedirectUrl());
                String path = uri.getRawPath();
                if (sameOriginPath(path)) {
                    target = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            }
            response.sendRedirect(request.getContextPath() + (target.equals("/") ? "/" : target));
        };
    }

    /** A path on this origin: one leading slash, no scheme, no second slash or backslash that would name a host. */
    static boolean sameOriginPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x20);
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

    /**
     * 401 without a Basic challenge, to anyone: a browser never prompts for Basic credentials, so none are cached
     * that a cross-site form post could carry (such a request has no session cookie, hence no CSRF check). API
     * clients send their Basic credentials with each request unasked (curl -u, preemptive Basic); the non-Basic
     * scheme {@code xBasic} says so without making a browser prompt.
     */
    static org.springframework.security.web.AuthenticationEntryPoint basicEntryPoint() {
        return (request, response, e) -> {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "xBasic realm=\"grants\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"https://grants.local/problems/unauthorized\",\"title\":"
                    + "\"Unauthorized\",\"status\":401,\"detail\":\"sign in: pages through /login.html, API clients "
                    + "with HTTP Basic credentials sent with each request\"}");
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The users who sign in with a password: the configured ones ({@code grants.security.users}) and, with the
     * embedded services only, the demo users ({@link DemoUsersCondition}). Absent when there are neither (sign-in
     * then goes through the OpenID Connect provider alone).
     */
    @Bean
    @org.springframework.context.annotation.Conditional(PasswordUsersCondition.class)
    UserDetailsService passwordUsers(DemoUsers demo, Users configured, PasswordEncoder encoder,
            org.springframework.core.env.Environment env) {
        List<UserDetails> users = new ArrayList<>();
        if (configured.users() != null) {
            configured.users().forEach((name, account) -> users.add(User.withUsername(name)
                    .password(account.password()).roles(account.roles().split(",")).build()));
        }
        if (DemoUsersCondition.enabled(env) && demo.users() != null) {
            demo.users().forEach((name, roles) -> {
                if (configured.users() == null || !configured.users().containsKey(name)) {
                    users.add(User.withUsername(name).password(encoder.encode(name)).roles(roles.split(",")).build());
                }
            });
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Demo users enabled, or at least one configured user. */
    static class PasswordUsersCondition implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(org.springframework.context.annotation.ConditionContext context,
                org.springframework.core.type.AnnotatedTypeMetadata metadata) {
            return DemoUsersCondition.enabled(context.getEnvironment())
                    || org.springframework.boot.context.properties.bind.Binder.get(context.getEnvironment())
                            .bind("grants.security.users", org.springframework.boot.context.properties.bind.Bindable
                                    .mapOf(String.class, Object.class)).map(m -> !m.isEmpty()).orElse(false);
        }
    }
}
