package cn.grants.api.audit;

import cn.grants.domain.audit.AuditEntry;
import cn.grants.domain.audit.AuditRepository;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every action — each request that changes something (POST, PUT, PATCH, DELETE) on the API — after it was
 * answered: who (or "anonymous"), what (method and path), when, which case, and the HTTP status. Reads are not
 * recorded; sign-ins are recorded by {@link SignInAudit}.
 */
@Component
public class AuditFilter extends OncePerRequestFilter {

    static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Pattern CASE = Pattern.compile("/api/(?:cases|publicity)/([0-9a-f-]{36})");

    private final AuditRepository log;
    private final Clock clock;

    public AuditFilter(AuditRepository log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !CHANGING.contains(request.getMethod()) || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String who = actor();
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                log.save(new AuditEntry(clock.instant(), truncate(who, 100),
                        truncate(request.getMethod() + " " + request.getRequestURI(), 200), response.getStatus(),
                        caseOf(request.getRequestURI()), null));
            } catch (RuntimeException e) {
                logger.warn("audit entry not written for " + request.getRequestURI(), e);
            }
        }
    }

    static UUID caseOf(String path) {
        Matcher m = CASE.matcher(path);
        if (m.find()) {
            try {
                return UUID.fromString(m.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName()) ? "anonymous"
                : auth.getName();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
