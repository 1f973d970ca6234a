package cn.grants.domain.operations;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A technical failure of one step (element instance): attempts, first and last failure, the last error. */
@Entity
@Table(name = "job_failure")
public class JobFailure {

    public enum Status { RETRYING, FAILED, RESOLVED }

    @Id
    private UUID id;
    private String engineEpoch;
    private long elementInstanceKey;
    private long processInstanceKey;
    private UUID caseId;
    private UUID roundId;
    private String jobType;
    private String elementId;
    private String error;
    private int attempts;
    private Instant firstFailedAt;
    private Instant lastFailedAt;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String resolution;
    private String resolvedBy;
    private Instant resolvedAt;
    private String resolutionReason;

    protected JobFailure() {
    }

    void resolve(String outcome, String user, String reason, Instant now) {
        this.status = Status.RESOLVED;
        this.resolution = outcome;
        this.resolvedBy = user;
        this.resolutionReason = reason;
        this.resolvedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public long getElementInstanceKey() {
        return elementInstanceKey;
    }

    public long getProcessInstanceKey() {
        return processInstanceKey;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public UUID getRoundId() {
        return roundId;
    }

    public String getJobType() {
        return jobType;
    }

    public String getElementId() {
        return elementId;
    }

    public String getError() {
        return error;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getFirstFailedAt() {
        return firstFailedAt;
    }

    public Instant getLastFailedAt() {
        return lastFailedAt;
    }

    public Status getStatus() {
        return status;
    }

    public String getResolution() {
        return resolution;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public String getResolutionReason() {
        return resolutionReason;
    }
}
