package cn.grants.domain.engine;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * A command for the engine that follows a database change: written in the transaction of the change (the outbox)
 * and sent only after it committed, until the engine takes it. Each kind is idempotent on the engine side, which
 * makes a retry after an unknown outcome safe: a job completes once (a second completion finds it gone), a message
 * with an id is published once while its time to live runs (a second publication is refused as a duplicate), and
 * an instance is cancelled once.
 */
@Entity
@Table(name = "engine_command")
public class EngineCommand extends cn.grants.domain.persistence.AssignedIdEntity {

    /** How long an attempt holds its command against every other sender while it waits for the engine's answer. */
    public static final Duration ATTEMPT_LEASE = Duration.ofSeconds(30);

    public enum Kind { COMPLETE_JOB, PUBLISH_MESSAGE, CANCEL_INSTANCE }

    /**
     * PENDING: waits to be sent (again); APPLIED: the engine took it; GONE: the engine no longer waits for it (the
     * job's step ended before the command reached it); ATTENTION: it cannot be retried safely and an officer must look
     * (a message whose outcome is unknown after its time to live: publishing it again could deliver it twice).
     */
    public enum Status { PENDING, APPLIED, GONE, ATTENTION }

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(5);

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String engineEpoch;
    private UUID caseId;
    private UUID taskId;
    private Long jobKey;
    private Long processInstanceKey;
    private String messageName;
    private String correlationKey;
    private String messageId;
    private String timeToLive;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> variables;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant createdAt;
    private int attempts;
    private Instant nextAttemptAt;
    private Instant inFlightSince;
    private Instant uncertainSince;
    private String lastError;
    private Instant appliedAt;

    protected EngineCommand() {
    }

    private EngineCommand(Kind kind, String engineEpoch, UUID caseId, Instant now) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.engineEpoch = Objects.requireNonNull(engineEpoch, "engineEpoch");
        this.caseId = caseId;
        this.status = Status.PENDING;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    /** Completes the job of a user task with the step's outcome. */
    public static EngineCommand completeJob(String engineEpoch, UUID caseId, UUID taskId, long jobKey,
            Map<String, Object> variables, Instant now) {
        EngineCommand c = new EngineCommand(Kind.COMPLETE_JOB, engineEpoch, caseId, now);
        c.taskId = taskId;
        c.jobKey = jobKey;
        c.variables = variables;
        return c;
    }

    /** Publishes a message; its id makes a second publication within the time to live a refused duplicate. */
    public static EngineCommand publishMessage(String engineEpoch, UUID caseId, String name, String correlationKey,
            String messageId, Duration timeToLive, Map<String, Object> variables, Instant now) {
        EngineCommand c = new EngineCommand(Kind.PUBLISH_MESSAGE, engineEpoch, caseId, now);
        c.messageName = Objects.requireNonNull(name, "name");
        c.correlationKey = Objects.requireNonNull(correlationKey, "correlationKey");
        c.messageId = Objects.requireNonNull(messageId, "messageId");
        c.timeToLive = (timeToLive.isNegative() ? Duration.ZERO : timeToLive).toString();
        c.variables = variables;
        return c;
    }

    /** Cancels a process instance the engine started for a database change that then did not commit. */
    public static EngineCommand cancelInstance(String engineEpoch, long processInstanceKey, String reason,
            Instant now) {
        EngineCommand c = new EngineCommand(Kind.CANCEL_INSTANCE, engineEpoch, null, now);
        c.processInstanceKey = processInstanceKey;
        c.lastError = reason;
        return c;
    }

    /** Whether an attempt is being made right now (recorded and leased, its answer not yet recorded). */
    public boolean isInFlight() {
        return status == Status.PENDING && inFlightSince != null;
    }

    /**
     * An attempt to send starts (committed before the send, so that a crash during it is known afterwards): the
     * command is leased for {@code lease} so no other instance sends it meanwhile. An earlier attempt whose outcome was
     * never recorded may have been taken. Returns false, and asks for an officer, when sending again is not safe.
     */
    public boolean begin(Instant now, Duration lease) {
        if (status != Status.PENDING || nextAttemptAt.isAfter(now)) {
            return false;
        }
        if (inFlightSince != null && uncertainSince == null) {
            this.uncertainSince = inFlightSince;
        }
        if (!mayRetry(now)) {
            this.status = Status.ATTENTION;
            this.inFlightSince = null;
            this.lastError = "an earlier attempt may have been taken and the message's time to live has passed: "
                    + "publishing it again could deliver it twice (" + lastError + ")";
            return false;
        }
        this.inFlightSince = now;
        this.attempts++;
        this.nextAttemptAt = now.plus(lease);
        return true;
    }

    public void applied(Instant now) {
        this.status = Status.APPLIED;
        this.appliedAt = now;
        this.inFlightSince = null;
    }

    /**
     * The engine has no such job or instance. When an earlier attempt's outcome is unknown, that attempt took it
     * (APPLIED); otherwise the engine no longer waits for it (GONE: the step ended before the command reached it).
     */
    public void notFound(String reason, Instant now) {
        if (uncertainSince != null) {
            applied(now);
            this.lastError = "taken by an earlier attempt: " + reason;
            return;
        }
        this.status = Status.GONE;
        this.lastError = reason;
        this.appliedAt = now;
        this.inFlightSince = null;
    }

    /**
     * The attempt failed. {@code uncertain}: the engine may have taken it (the request left, the answer did not
     * come). The command is sent again after a growing pause, unless that could act twice (see {@link #mayRetry}).
     */
    public void failed(String error, boolean uncertain, Instant now) {
        this.lastError = error;
        if (uncertain && uncertainSince == null) {
            this.uncertainSince = inFlightSince == null ? now : inFlightSince;
        }
        this.inFlightSince = null;
        if (!mayRetry(now)) {
            this.status = Status.ATTENTION;
            return;
        }
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 16);
        Duration pause = FIRST_RETRY.multipliedBy(factor);
        this.nextAttemptAt = now.plus(pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause);
    }

    /**
     * Whether sending again is safe: always for job completions and cancellations; for a message only while the
     * engine would still refuse a duplicate of an earlier attempt that may have been taken (its time to live).
     */
    public boolean mayRetry(Instant now) {
        if (kind != Kind.PUBLISH_MESSAGE || uncertainSince == null) {
            return true;
        }
        return now.isBefore(uncertainSince.plus(Duration.parse(timeToLive)));
    }

    /** A command of an engine that was since replaced (a reset engine): its job keys mean nothing to the new one. */
    public void staleEpoch(String currentEpoch, Instant now) {
        this.status = Status.GONE;
        this.lastError = "written for engine " + engineEpoch + ", the engine is now " + currentEpoch
                + " (the case resumes from the database)";
        this.appliedAt = now;
        this.inFlightSince = null;
    }

    public UUID getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public UUID getTaskId() {
        return taskId;
    }

    public Long getJobKey() {
        return jobKey;
    }

    public Long getProcessInstanceKey() {
        return processInstanceKey;
    }

    public String getMessageName() {
        return messageName;
    }

    public String getCorrelationKey() {
        return correlationKey;
    }

    public String getMessageId() {
        return messageId;
    }

    public Duration getTimeToLive() {
        return timeToLive == null ? null : Duration.parse(timeToLive);
    }

    public Map<String, Object> getVariables() {
        return variables == null ? Map.of() : variables;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    /** When the attempt in flight began; null when none is. */
    public Instant getInFlightSince() {
        return inFlightSince;
    }

    public Instant getUncertainSince() {
        return uncertainSince;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }
}
