package cn.grants.api.audit;

import cn.grants.domain.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Requests refused by authorization go to the audit log: who, which request, which case. Spring Security publishes
 * a denial for a path rule as for a method rule once an {@link AuthorizationEventPublisher} exists. Refusals of
 * signed-out callers are not logged here (they are asked to sign in; a flood of them must not grow the log).
 */
@Configuration
public class AuthorizationDenials {

    private final AuditTrail audit;

    public AuthorizationDenials(AuditTrail audit) {
        this.audit = audit;
    }

    @Bean
    static AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    @EventListener
    public void denied(AuthorizationDeniedEvent<?> event) {
        Authentication user = event.getAuthentication().get();
        if (user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()) {
            return;
        }
        String request = "";
        java.util.UUID caseId = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest http = attributes.getRequest();
            request = http.getMethod() + " " + http.getRequestURI();
            caseId = AuditFilter.caseOf(http.getRequestURI());
        }
        audit.denied(user.getName(), request, caseId, "refused by authorization: roles " + user.getAuthorities());
    }
}
