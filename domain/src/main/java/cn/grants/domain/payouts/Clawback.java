package cn.grants.domain.payouts;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A demand to return the tranches paid (追回) after a disbursement condition failed; one per case. */
@Entity
@Table(name = "clawback")
public class Clawback {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID caseId;
    private BigDecimal amount;
    private String reason;
    private Instant demandedAt;
    private Instant recoveredAt;
    private String recoveredBy;
    private BigDecimal recoveredAmount;

    protected Clawback() {
    }

    Clawback(UUID caseId, BigDecimal amount, String reason, Instant now) {
        this.caseId = caseId;
        this.amount = amount;
        this.reason = reason;
        this.demandedAt = now;
    }

    void recovered(String by, Instant now) {
        if (recoveredAt == null) {
            this.recoveredBy = by;
            this.recoveredAt = now;
            this.recoveredAmount = amount;
        }
    }

    public UUID getCaseId() {
        return caseId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getReason() {
        return reason;
    }

    public Instant getDemandedAt() {
        return demandedAt;
    }

    public Instant getRecoveredAt() {
        return recoveredAt;
    }

    /** What was recovered (the whole amount demanded: finance confirms the recovery), or null before. */
    public BigDecimal getRecoveredAmount() {
        return recoveredAmount;
    }

    public String getRecoveredBy() {
        return recoveredBy;
    }
}
