package cn.grants.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt — the form's {@code POST /login} or a request with HTTP Basic credentials — whose user
 * name or client address is locked out ({@link SignInLockout}), before the password is checked: even the right
 * password is refused until the lock-out is over. The form is sent back to the sign-in page
 * ({@code /login.html?locked}); an API client gets 429 with {@code Retry-After}. Both carry {@code Retry-After}.
 * Part of the security filter chain (not a servlet filter of its own).
 */
class SignInLockoutFilter extends OncePerRequestFilter {

    private final SignInLockout lockout;

    SignInLockoutFilter(SignInLockout lockout) {
        this.lockout = lockout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = "POST".equals(request.getMethod())
                && "/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
        String user = form ? request.getParameter("username") : basicUser(request);
        if (form || user != null) {
            Optional<Duration> locked = lockout.lockedFor(user, request.getRemoteAddr());
            if (locked.isPresent()) {
                long seconds = TooManyRequests.seconds(locked.get());
                if (form) {
                    response.setHeader("Retry-After", Long.toString(seconds));
                    response.sendRedirect(request.getContextPath() + "/login.html?locked=" + seconds);
                } else {
                    TooManyRequests.send(response, locked.get(), "too many failed sign-ins: sign-in is locked for "
                            + seconds + " s");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name of HTTP Basic credentials, or null. */
    static String basicUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
