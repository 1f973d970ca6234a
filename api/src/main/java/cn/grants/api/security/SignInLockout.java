package cn.grants.api.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed sign-ins per user name and per client address and locks either out for a while once too many failed
 * within the window (see {@link LockoutSettings}). The counts live in PostgreSQL (table {@code sign_in_lockout}), so
 * every application instance sees the same: a lock-out started on one instance holds on all, and n instances do not
 * give n times the attempts. A key's row is locked while a failure is counted, so two instances counting at once
 * never lose one, and exactly one of them starts the lock-out.
 * <p>
 * It also decides what of a flood the audit log records: each failure up to the limits, then the lock-out once —
 * never one row per refused attempt, so a flood cannot grow the log without bound (at most {@code max-failures} + 1
 * rows per user name and {@code address-max-failures} + 1 per address in each window).
 */
@Component
public class SignInLockout {

    /** What a failed sign-in leads to: whether to record the failure itself, and the lock-outs it started. */
    public record Failure(boolean record, List<String> lockedOut) {
    }

    private final LockoutSettings settings;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public SignInLockout(LockoutSettings settings, Clock clock, JdbcTemplate jdbc, PlatformTransactionManager tm) {
        this.settings = settings;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(tm);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static String userKey(String user) {
        return clip("user:" + (user == null ? "" : user.trim().toLowerCase(Locale.ROOT)), 200);
    }

    static String addressKey(String address) {
        return clip("address:" + address, 200);
    }

    /** How long the user name or the address (either may be null) is still locked out, if it is. */
    public Optional<Duration> lockedFor(String user, String address) {
        if (!settings.isEnabled()) {
            return Optional.empty();
        }
        List<String> keys = keys(user, address);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Timestamp until = jdbc.queryForObject("select max(locked_until) from sign_in_lockout where lock_key in ("
                + String.join(",", java.util.Collections.nCopies(keys.size(), "?")) + ")", Timestamp.class,
                keys.toArray());
        return until != null && now.isBefore(until.toInstant())
                ? Optional.of(Duration.between(now, until.toInstant())) : Optional.empty();
    }

    /** A failed sign-in: counts it, and locks the user name or the address out when its count reaches the limit. */
    public Failure failed(String user, String address) {
        if (!settings.isEnabled()) {
            return new Failure(true, List.of());
        }
        Instant now = clock.instant();
        boolean record = true;
        List<String> locked = new ArrayList<>();
        if (user != null) {
            Counted c = count(userKey(user), settings.getMaxFailures(), now);
            record &= c.failures() <= settings.getMaxFailures();
            if (c.lockedUntil() != null) {
                locked.add("user name \"" + clip(user, 90) + "\" locked out until " + c.lockedUntil() + " after "
                        + settings.getMaxFailures() + " failed sign-ins within " + settings.getWindow());
            }
        }
        if (address != null) {
            Counted c = count(addressKey(address), settings.getAddressMaxFailures(), now);
            record &= c.failures() <= settings.getAddressMaxFailures();
            if (c.lockedUntil() != null) {
                locked.add("address " + clip(address, 90) + " locked out until " + c.lockedUntil() + " after "
                        + settings.getAddressMaxFailures() + " failed sign-ins within " + settings.getWindow());
            }
        }
        return new Failure(record, locked);
    }

    /** A successful sign-in clears the user name's failures (never the address's: one good account must not reset it). */
    public void succeeded(String user) {
        jdbc.update("delete from sign_in_lockout where lock_key = ? and (locked_until is null or locked_until <= ?)",
                userKey(user), Timestamp.from(clock.instant()));
    }

    /** Forgets the keys whose window and lock-out are over, every minute: the table holds recent failures only. */
    @Scheduled(fixedDelayString = "${grants.security.lockout.cleanup-every:PT1M}")
    public int forgetExpired() {
        Instant now = clock.instant();
        return jdbc.update("delete from sign_in_lockout where updated_at < ? and (locked_until is null or "
                + "locked_until <= ?)", Timestamp.from(now.minus(settings.getWindow())), Timestamp.from(now));
    }

    /** The failures counted for the key within the window, and the lock-out this failure started (else null). */
    private record Counted(int failures, Instant lockedUntil) {
    }

    private Counted count(String key, int max, Instant now) {
        return transaction.execute(status -> {
            jdbc.update("insert into sign_in_lockout (lock_key, updated_at) values (?, ?) on conflict do nothing",
                    key, Timestamp.from(now));
            Object[] row = jdbc.queryForObject("select failures, locked_until from sign_in_lockout where lock_key = ? "
                    + "for update", (rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2)}, key);
            Deque<Instant> failures = new ArrayDeque<>();
            if (!((String) row[0]).isEmpty()) {
                Arrays.stream(((String) row[0]).split(",")).map(Long::parseLong).map(Instant::ofEpochMilli)
                        .forEach(failures::addLast);
            }
            Instant lockedUntil = row[1] == null ? null : ((Timestamp) row[1]).toInstant();
            if (lockedUntil != null && !now.isBefore(lockedUntil)) {
                lockedUntil = null; // the lock-out is over: a fresh start
                failures.clear();
            }
            Instant since = now.minus(settings.getWindow());
            while (!failures.isEmpty() && !failures.peekFirst().isAfter(since)) {
                failures.removeFirst();
            }
            failures.addLast(now);
            // remember no more than one above the limit: the row stays small whatever the flood
            while (failures.size() > max + 1) {
                failures.removeFirst();
            }
            Instant started = null;
            if (lockedUntil == null && failures.size() >= max) {
                lockedUntil = now.plus(settings.getDuration());
                started = lockedUntil;
            }
            jdbc.update("update sign_in_lockout set failures = ?, locked_until = ?, updated_at = ? where lock_key = ?",
                    failures.stream().map(t -> Long.toString(t.toEpochMilli())).collect(Collectors.joining(",")),
                    lockedUntil == null ? null : Timestamp.from(lockedUntil), Timestamp.from(now), key);
            return new Counted(failures.size(), started);
        });
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

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
