package cn.grants.domain.rounds;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A case an officer took out of its round's batch, with who, when and why. */
@Entity
@Table(name = "batch_exclusion")
public class BatchExclusion {

    @Id
    private UUID caseId;
    private UUID roundId;
    private String reason;
    private String excludedBy;
    private Instant excludedAt;

    protected BatchExclusion() {
    }

    BatchExclusion(UUID caseId, UUID roundId, String reason, String excludedBy, Instant excludedAt) {
        this.caseId = caseId;
        this.roundId = roundId;
        this.reason = reason;
        this.excludedBy = excludedBy;
        this.excludedAt = excludedAt;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public UUID getRoundId() {
        return roundId;
    }

    public String getReason() {
        return reason;
    }

    public String getExcludedBy() {
        return excludedBy;
    }

    public Instant getExcludedAt() {
        return excludedAt;
    }
}
