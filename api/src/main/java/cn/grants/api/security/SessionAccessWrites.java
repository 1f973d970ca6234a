package cn.grants.api.security;

import java.time.Duration;

/**
 * The statement that writes a session back to PostgreSQL, changed so that a request's access time alone is written at
 * most once per interval. Spring Session marks a session changed on every request because its last access time moved,
 * so each page and each list read ran an {@code UPDATE} and a commit (a WAL flush) on {@code spring_session}
 * (docs/performance.md, "What limits the embedded default"). With this statement the row is updated only when the
 * session's id, timeout or user changed, or when the stored access time is at least the interval old; otherwise the
 * statement matches no row and the transaction commits without writing. Attributes are written as before.
 *
 * <p>What it costs: a session idle for its timeout is taken as expired up to one interval early (the stored access
 * time can be that much behind the last request): with the 30-minute timeout and a 1-minute interval, a session ends
 * 29 to 30 minutes after its last request. Every instance reads the same row, so instances agree.
 */
final class SessionAccessWrites {

    private SessionAccessWrites() {
    }

    /**
     * Spring Session's update of a session (same six parameters in the same order: session id, last access, timeout,
     * expiry, user, primary id), as a conditional update; {@code %TABLE_NAME%} is filled in by Spring Session.
     */
    static String updateQuery(Duration touchInterval) {
        if (touchInterval.isNegative()) {
            throw new IllegalArgumentException("grants.session.touch-interval must not be negative: " + touchInterval);
        }
        return """
                UPDATE %TABLE_NAME% s
                SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
                    MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
                    PRINCIPAL_NAME = v.principal_name
                FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
                             CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
                             CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) v
                WHERE s.PRIMARY_ID = v.primary_id
                  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
                       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
                       OR v.last_access_time - s.LAST_ACCESS_TIME >= TOUCH_INTERVAL_MILLIS)
                """.replace("TOUCH_INTERVAL_MILLIS", Long.toString(touchInterval.toMillis()));
    }
}
