package cn.grants.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits floods of the public, unauthenticated requests before anything else handles them (a refused request costs
 * one statement on its bucket's row and reaches neither the handlers nor the audit log): public objections per client address and per case, quotes per
 * client address, and form sign-in attempts per client address. A refused request is answered 429 with
 * {@code Retry-After}. The client address is {@link HttpServletRequest#getRemoteAddr()}: behind a reverse proxy set
 * {@code server.forward-headers-strategy=native} (and the proxy's trusted addresses) so that it is the client's
 * address from {@code X-Forwarded-For}; otherwise that header is ignored and cannot be spoofed.
 */
@Component
@Order(-200) // before Spring Security's filter chain (-100)
public class RateLimitFilter extends OncePerRequestFilter {

    static final Pattern OBJECTION = Pattern.compile("^/api/publicity/([^/]+)/objections/?$");
    static final Pattern QUOTE = Pattern.compile("^/api/measures/[^/]+/quote/?$");

    private final RateLimitSettings settings;
    private final SharedBuckets buckets;

    public RateLimitFilter(RateLimitSettings settings, SharedBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.isEnabled() || !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String address = request.getRemoteAddr();
        Optional<Duration> refused = Optional.empty();
        String what = null;
        Matcher objection = OBJECTION.matcher(path);
        if (objection.matches()) {
            refused = buckets.take("objections-per-address", settings.getObjectionsPerAddress(), address);
            what = "objections from your address";
            if (refused.isEmpty()) {
                refused = buckets.take("objections-per-case", settings.getObjectionsPerCase(),
                        objection.group(1).toLowerCase(java.util.Locale.ROOT));
                what = "objections to this case";
            }
        } else if (QUOTE.matcher(path).matches()) {
            refused = buckets.take("quotes-per-address", settings.getQuotesPerAddress(), address);
            what = "quotes from your address";
        } else if ("/login".equals(path)) {
            refused = buckets.take("sign-ins-per-address", settings.getSignInsPerAddress(), address);
            what = "sign-in attempts from your address";
        }
        if (refused.isPresent()) {
            TooManyRequests.send(response, refused.get(), "too many " + what + "; try again in "
                    + TooManyRequests.seconds(refused.get()) + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
