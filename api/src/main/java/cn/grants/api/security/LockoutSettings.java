package cn.grants.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in lock-out ({@code grants.security.lockout.*}): {@code max-failures} failed sign-ins for one user name within
 * {@code window} lock that user name for {@code duration}; {@code address-max-failures} failed sign-ins from one client
 * address within {@code window} lock that address. While locked, even the right password is refused. The counts
 * live in PostgreSQL, shared by every instance; {@code cleanup-every} the expired ones are deleted.
 */
@ConfigurationProperties("grants.security.lockout")
public class LockoutSettings {

    private boolean enabled = true;
    private int maxFailures = 5;
    private int addressMaxFailures = 20;
    private Duration window = Duration.ofMinutes(15);
    private Duration duration = Duration.ofMinutes(15);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getMaxFailures() {
        return maxFailures;
    }

    public void setMaxFailures(int maxFailures) {
        this.maxFailures = maxFailures;
    }

    public int getAddressMaxFailures() {
        return addressMaxFailures;
    }

    public void setAddressMaxFailures(int addressMaxFailures) {
        this.addressMaxFailures = addressMaxFailures;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public Duration getDuration() {
        return duration;
    }

    public void setDuration(Duration duration) {
        this.duration = duration;
    }

    /** how often rows whose window and lock-out are over are deleted (read by {@code SignInLockout.forgetExpired}) */
    private Duration cleanupEvery = Duration.ofMinutes(1);

    public Duration getCleanupEvery() {
        return cleanupEvery;
    }

    public void setCleanupEvery(Duration cleanupEvery) {
        this.cleanupEvery = cleanupEvery;
    }
}
