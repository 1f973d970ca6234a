package cn.grants.domain.budgets;

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

/** A case's approved amount committed against a budget (after any pro-rata cut). */
@Entity
@Table(name = "budget_commitment")
public class Commitment {

    public enum Status { COMMITTED, RELEASED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long budgetId;
    private UUID caseId;
    private BigDecimal requested;
    private BigDecimal committed;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant createdAt;

    protected Commitment() {
    }

    Commitment(Long budgetId, UUID caseId, BigDecimal requested, BigDecimal committed, Instant now) {
        this.budgetId = budgetId;
        this.caseId = caseId;
        this.requested = requested;
        this.committed = committed;
        this.status = Status.COMMITTED;
        this.createdAt = now;
    }

    void released() {
        this.status = Status.RELEASED;
    }

    public Long getId() {
        return id;
    }

    public Long getBudgetId() {
        return budgetId;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public BigDecimal getRequested() {
        return requested;
    }

    public BigDecimal getCommitted() {
        return committed;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
