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

    private static final ThreadLocal<String> JOB = new ThreadLocal<>();

    /**
     * Runs a worker's work with its job named in every entry it writes ({@code job <key> <type>}): what the system
     * did is traced to the engine's job.
     */
    public static <T> T inJob(long jobKey, String jobType, java.util.function.Supplier<T> work) {
        String outer = JOB.get();
        JOB.set("job " + jobKey + " " + jobType);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                JOB.remove();
            } else {
                JOB.set(outer);
            }
        }
    }

    /**
     * Records an action on money or on a case's decision <b>in the caller's transaction</b>: if the entry cannot be
     * written, the action fails with it. The actor is the user, or {@link #SYSTEM} for a worker (then the entry
     * names the job, see {@link #inJob}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acted(String actor, String action, UUID caseId, String detail) {
        String job = JOB.get();
        String who = actor == null || actor.isBlank() ? SYSTEM : actor;
        entries.save(new AuditEntry(clock.instant(), who, action, 200, caseId,
                job == null ? detail : detail + " (" + job + ")"));
    }

    /** As {@link #acted}, by the system (a worker). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void system(String action, UUID caseId, String detail) {
        acted(SYSTEM, action, caseId, detail);
    }

    /** A request refused by authorization (in a transaction of its own: the request did nothing). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(String actor, String request, UUID caseId, String reason) {
        entries.save(new AuditEntry(clock.instant(), actor, truncate("DENIED " + request, 200), 403, caseId,
                reason));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
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
