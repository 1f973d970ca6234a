package cn.grants.api.tasks;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each finance user's approval limit (yuan): {@code grants.finance.limits.<user>}. A payout above the approver's
 * limit needs a second finance approver whose limit covers it; a user without a limit approves nothing alone.
 */
@ConfigurationProperties("grants.finance")
public record FinanceLimits(Map<String, BigDecimal> limits) {

    public BigDecimal of(String user) {
        return limits == null ? BigDecimal.ZERO : limits.getOrDefault(user, BigDecimal.ZERO);
    }
}
