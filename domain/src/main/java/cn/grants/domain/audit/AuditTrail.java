package cn.grants.domain.audit;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes the audit log entries of the system's own actions (workers), whatever becomes of the caller's work. */
@Service
public class AuditTrail {

    /** The actor of the workers' entries. */
    public static final String SYSTEM = "system";

    private final AuditRepository entries;
    private final Clock clock;

    public AuditTrail(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Records a refused action in a transaction of its own, so that the entry stays although the refused work is
     * rolled back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(String action, UUID caseId, String reason) {
        entries.save(new AuditEntry(clock.instant(), SYSTEM, action, 403, caseId, reason));
    }
}
