package cn.grants.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name and per client address (in memory, per instance) and locks either out for a
 * while once too many failed within the window (see {@link LockoutSettings}). It also decides what of a flood the
 * audit log records: each failure up to the limits, then the lock-out once — never one row per refused attempt, so a
 * flood cannot grow the log without bound (at most {@code max-failures} + 1 rows per user name and
 * {@code address-max-failures} + 1 per address in each window).
 */
@Component
public class SignInLockout {

    /** What a failed sign-in leads to: whether to record the failure itself, and the lock-outs it started. */
    public record Failure(boolean record, List<String> lockedOut) {
    }

    private static final class Counter {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil;
    }

    private final LockoutSettings settings;
    private final Clock clock;
    private final Map<String, Counter> counters;

    public SignInLockout(LockoutSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        int maxKeys = settings.getMaxKeys();
        this.counters = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > maxKeys;
            }
        };
    }

    static String userKey(String user) {
        return "user:" + (user == null ? "" : user.trim().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** How long the user name or the address (either may be null) is still locked out, if it is. */
    public synchronized Optional<Duration> lockedFor(String user, String address) {
        if (!settings.isEnabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration longest = null;
        for (String key : keys(user, address)) {
            Counter c = counters.get(key);
            if (c != null && c.lockedUntil != null && now.isBefore(c.lockedUntil)) {
                Duration left = Duration.between(now, c.lockedUntil);
                longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** A failed sign-in: counts it, and locks the user name or the address out when its count reaches the limit. */
    public synchronized Failure failed(String user, String address) {
        if (!settings.isEnabled()) {
            return new Failure(true, List.of());
        }
        Instant now = clock.instant();
        boolean record = true;
        List<String> locked = new ArrayList<>();
        if (user != null) {
            Counter c = count(userKey(user), now);
            record &= c.failures.size() <= settings.getMaxFailures();
            if (lock(c, settings.getMaxFailures(), now)) {
                locked.add("user name \"" + clip(user) + "\" locked out until " + c.lockedUntil + " after "
                        + settings.getMaxFailures() + " failed sign-ins within " + settings.getWindow());
            }
        }
        if (address != null) {
            Counter c = count(addressKey(address), now);
            record &= c.failures.size() <= settings.getAddressMaxFailures();
            if (lock(c, settings.getAddressMaxFailures(), now)) {
                locked.add("address " + clip(address) + " locked out until " + c.lockedUntil + " after "
                        + settings.getAddressMaxFailures() + " failed sign-ins within " + settings.getWindow());
            }
        }
        return new Failure(record, locked);
    }

    /** A successful sign-in clears the user name's failures (never the address's: one good account must not reset it). */
    public synchronized void succeeded(String user) {
        Counter c = counters.get(userKey(user));
        if (c != null && (c.lockedUntil == null || !clock.instant().isBefore(c.lockedUntil))) {
            counters.remove(userKey(user));
        }
    }

    private Counter count(String key, Instant now) {
        Counter c = counters.computeIfAbsent(key, k -> new Counter());
        if (c.lockedUntil != null && !now.isBefore(c.lockedUntil)) {
            c.lockedUntil = null; // the lock-out is over: a fresh start
            c.failures.clear();
        }
        Instant since = now.minus(settings.getWindow());
        while (!c.failures.isEmpty() && !c.failures.peekFirst().isAfter(since)) {
            c.failures.removeFirst();
        }
        c.failures.addLast(now);
        // remember no more than one above the limit: the deque stays small whatever the flood
        while (c.failures.size() > Math.max(settings.getMaxFailures(), settings.getAddressMaxFailures()) + 1) {
            c.failures.removeFirst();
        }
        return c;
    }

    private boolean lock(Counter c, int max, Instant now) {
        if (c.lockedUntil == null && c.failures.size() >= max) {
            c.lockedUntil = now.plus(settings.getDuration());
            return true;
        }
        return false;
    }

    private static List<String> keys(String user, String address) {
        List<String> keys = new ArrayList<>(2);
        if (user != null) {
            keys.add(userKey(user));
        }
        if (address != null) {
            keys.add(addressKey(address));
        }
        return keys;
    }

    private static String clip(String s) {
        return s.length() > 90 ? s.substring(0, 90) : s;
    }
}
