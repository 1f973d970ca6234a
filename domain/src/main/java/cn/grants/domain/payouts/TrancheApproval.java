package cn.grants.domain.payouts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A finance officer's approval of one tranche, recorded when the approval task is completed in the inbox: who, with
 * which approval limit, for which amount, through which task. {@link PayoutService} pays only what these back.
 */
@Entity
@Table(name = "tranche_approval")
public class TrancheApproval {

    public enum Level { FIRST, SECOND }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID caseId;
    private int trancheNumber;
    @Enumerated(EnumType.STRING)
    private Level level;
    private String approver;
    @Column(name = "approver_limit")
    private BigDecimal approverLimit;
    private BigDecimal amount;
    private UUID taskId;
    private Instant approvedAt;

    protected TrancheApproval() {
    }

    TrancheApproval(UUID caseId, int trancheNumber, Level level, String approver, BigDecimal approverLimit,
            BigDecimal amount, UUID taskId, Instant approvedAt) {
        this.caseId = caseId;
        this.trancheNumber = trancheNumber;
        this.level = level;
        this.approver = approver;
        this.approverLimit = approverLimit;
        this.amount = amount;
        this.taskId = taskId;
        this.approvedAt = approvedAt;
    }

    /** Whether the approver's limit covers the amount. */
    public boolean covers(BigDecimal value) {
        return approverLimit.compareTo(value) >= 0;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public int getTrancheNumber() {
        return trancheNumber;
    }

    public Level getLevel() {
        return level;
    }

    public String getApprover() {
        return approver;
    }

    public BigDecimal getApproverLimit() {
        return approverLimit;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public UUID getTaskId() {
        return taskId;
    }

    public Instant getApprovedAt() {
        return approvedAt;
    }
}
