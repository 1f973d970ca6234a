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
 * Limits floods of the public, unauthenticated requests before anything else handles them (so a refused request
 * reaches neither the database nor the audit log): public objections per client address and per case, quotes per
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
    private final KeyedBuckets objectionsPerAddress;
    private final KeyedBuckets objectionsPerCase;
    private final KeyedBuckets quotesPerAddress;
    private final KeyedBuckets signInsPerAddress;

    public RateLimitFilter(RateLimitSettings settings) {
        this.settings = settings;
        this.objectionsPerAddress = new KeyedBuckets(settings.getObjectionsPerAddress(), settings.getMaxKeys());
        this.objectionsPerCase = new KeyedBuckets(settings.getObjectionsPerCase(), settings.getMaxKeys());
        this.quotesPerAddress = new KeyedBuckets(settings.getQuotesPerAddress(), settings.getMaxKeys());
        this.signInsPerAddress = new KeyedBuckets(settings.getSignInsPerAddress(), settings.getMaxKeys());
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
            refused = objectionsPerAddress.take(address);
            what = "objections from your address";
            if (refused.isEmpty()) {
                refused = objectionsPerCase.take(objection.group(1).toLowerCase(java.util.Locale.ROOT));
                what = "objections to this case";
            }
        } else if (QUOTE.matcher(path).matches()) {
            refused = quotesPerAddress.take(address);
            what = "quotes from your address";
        } else if ("/login".equals(path)) {
            refused = signInsPerAddress.take(address);
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
