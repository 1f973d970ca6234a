package cn.grants.api.audit;

import cn.grants.domain.audit.AuditEntry;
import cn.grants.domain.audit.AuditRepository;
import cn.grants.api.security.SignInLockout;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins through the form, and failed sign-in attempts, go into the audit log. Failures also count towards the
 * lock-out ({@link SignInLockout}), which records a lock-out once and bounds the rows a flood of failures writes.
 */
@Component
public class SignInAudit {

    private final AuditRepository log;
    private final Clock clock;
    private final SignInLockout lockout;

    public SignInAudit(AuditRepository log, Clock clock, SignInLockout lockout) {
        this.log = log;
        this.clock = clock;
        this.lockout = lockout;
    }

    @EventListener
    public void signedIn(InteractiveAuthenticationSuccessEvent event) {
        log.save(new AuditEntry(clock.instant(), event.getAuthentication().getName(), "SIGN-IN", 200, null, null));
    }

    @EventListener
    public void authenticated(AuthenticationSuccessEvent event) {
        lockout.succeeded(event.getAuthentication().getName());
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : null;
        SignInLockout.Failure failure = lockout.failed(name, address);
        if (failure.record()) {
            log.save(new AuditEntry(clock.instant(), "anonymous", "SIGN-IN FAILED",
                    401, null, "as " + (name.length() > 90 ? name.substring(0, 90) : name)
                            + (address == null ? "" : " from " + address)));
        }
        for (String locked : failure.lockedOut()) {
            log.save(new AuditEntry(clock.instant(), "anonymous", "SIGN-IN LOCKED", 429, null, locked));
        }
    }
}
