package cn.grants.api.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket (bucket4j) per key — a client address, a case — for one limit. At most {@code maxKeys} keys are
 * kept; the least recently used is forgotten first, so a flood of new keys cannot exhaust memory.
 */
final class KeyedBuckets {

    private final RateLimitSettings.Limit limit;
    private final Map<String, Bucket> buckets;

    KeyedBuckets(RateLimitSettings.Limit limit, int maxKeys) {
        this.limit = limit;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes one token for the key: empty when allowed, else how long until the next token. */
    java.util.Optional<Duration> take(String key) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(l -> l.capacity(limit.getCapacity()).refillGreedy(limit.getCapacity(), limit.getPeriod()))
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
