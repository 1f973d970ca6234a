package cn.grants.api.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The flood limits' token buckets, one per limit and key (a client address, a case), in PostgreSQL (table
 * {@code rate_limit_bucket}), so that every application instance takes from the same bucket. A bucket holds
 * {@code capacity} tokens and refills {@code capacity} per {@code period}, gradually. Taking a token is one statement:
 * the row is inserted full (less the token) or refilled for the time passed and, if a whole token is there, taken;
 * the row lock serialises two instances taking at once, and the database's clock counts the time, so the instances'
 * clocks do not matter. A bucket untouched for a period is full again and is deleted every minute.
 */
@Component
public class SharedBuckets {

    private static final String TAKE = """
            insert into rate_limit_bucket as b (bucket_key, tokens, taken, capacity, rate, updated_at)
            values (?, ? - 1, true, ?, ?, now())
            on conflict (bucket_key) do update set
              tokens = case when least(excluded.capacity,
                                       b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * excluded.rate) >= 1
                            then least(excluded.capacity,
                                       b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * excluded.rate) - 1
                            else b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * excluded.rate end,
              taken = least(excluded.capacity,
                            b.tokens + greatest(0, extract(epoch from now() - b.updated_at)) * excluded.rate) >= 1,
              capacity = excluded.capacity,
              rate = excluded.rate,
              updated_at = greatest(b.updated_at, now())
            returning tokens, taken
            """;

    private final JdbcTemplate jdbc;

    public SharedBuckets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes one token from the limit's bucket for the key: empty when allowed, else how long until the next token. */
    public Optional<Duration> take(String limit, RateLimitSettings.Limit settings, String key) {
        double capacity = settings.getCapacity();
        double rate = capacity / (settings.getPeriod().toNanos() / 1e9);
        String bucket = limit + ":" + (key.length() > 250 ? key.substring(0, 250) : key);
        return jdbc.queryForObject(TAKE, (rs, i) -> rs.getBoolean("taken") ? Optional.<Duration>empty()
                : Optional.of(Duration.ofMillis((long) Math.ceil((1 - rs.getDouble("tokens")) / rate * 1000))),
                bucket, capacity, capacity, rate);
    }

    /** Deletes the buckets that have been full again for a while (untouched for their whole period). */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public int forgetFull() {
        return jdbc.update("delete from rate_limit_bucket where updated_at + make_interval(secs => capacity / rate) "
                + "< now()");
    }
}
