package cn.grants.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Flood limits in front of the public endpoints ({@code grants.security.rate-limit.*}): each is a token bucket of
 * {@code capacity} requests refilled gradually over {@code period}. The buckets live in PostgreSQL
 * ({@link SharedBuckets}): every instance behind a load balancer takes from the same bucket.
 */
@ConfigurationProperties("grants.security.rate-limit")
public class RateLimitSettings {

    /** off turns every rate limit off (the sign-in lock-out has its own switch) */
    private boolean enabled = true;
    /** public objections per client address */
    private Limit objectionsPerAddress = new Limit(10, Duration.ofHours(1));
    /** public objections per case, whoever sends them */
    private Limit objectionsPerCase = new Limit(30, Duration.ofHours(1));
    /** quotes per client address */
    private Limit quotesPerAddress = new Limit(120, Duration.ofMinutes(1));
    /** form sign-in attempts (POST /login) per client address, right or wrong */
    private Limit signInsPerAddress = new Limit(30, Duration.ofMinutes(1));

    /** {@code capacity} requests per {@code period}. */
    public static class Limit {
        private long capacity;
        private Duration period;

        public Limit() {
        }

        public Limit(long capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }

        public long getCapacity() {
            return capacity;
        }

        public void setCapacity(long capacity) {
            this.capacity = capacity;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Limit getObjectionsPerAddress() {
        return objectionsPerAddress;
    }

    public void setObjectionsPerAddress(Limit objectionsPerAddress) {
        this.objectionsPerAddress = objectionsPerAddress;
    }

    public Limit getObjectionsPerCase() {
        return objectionsPerCase;
    }

    public void setObjectionsPerCase(Limit objectionsPerCase) {
        this.objectionsPerCase = objectionsPerCase;
    }

    public Limit getQuotesPerAddress() {
        return quotesPerAddress;
    }

    public void setQuotesPerAddress(Limit quotesPerAddress) {
        this.quotesPerAddress = quotesPerAddress;
    }

    public Limit getSignInsPerAddress() {
        return signInsPerAddress;
    }

    public void setSignInsPerAddress(Limit signInsPerAddress) {
        this.signInsPerAddress = signInsPerAddress;
    }

}
