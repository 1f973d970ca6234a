package cn.grants.api.audit;

import cn.grants.domain.audit.AuditEntry;
import cn.grants.domain.audit.AuditRepository;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Sign-ins through the form, and failed sign-in attempts, go into the audit log. */
@Component
public class SignInAudit {

    private final AuditRepository log;
    private final Clock clock;

    public SignInAudit(AuditRepository log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @EventListener
    public void signedIn(InteractiveAuthenticationSuccessEvent event) {
        log.save(new AuditEntry(clock.instant(), event.getAuthentication().getName(), "SIGN-IN", 200, null, null));
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        log.save(new AuditEntry(clock.instant(), "anonymous", "SIGN-IN FAILED",
                401, null, "as " + (name.length() > 90 ? name.substring(0, 90) : name)));
    }
}
