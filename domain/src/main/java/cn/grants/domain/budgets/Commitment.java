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

/**
 * A case's approved amount committed against a budget (after any pro-rata cut). When the case ends the commitment
 * keeps what was paid ({@link Status#SETTLED}) and releases only the unpaid remainder; a case that ends with nothing
 * paid releases it all ({@link Status#RELEASED}). Paid money never returns to the budget: money a clawback recovers
 * is recorded ({@link #getRecovered()}) and stays committed (it is remitted to the treasury, 缴回国库).
 */
@Entity
@Table(name = "budget_commitment")
public class Commitment {

    /** COMMITTED: live; SETTLED: ended after payments, holds what was paid; RELEASED: ended, holds nothing. */
    public enum Status { COMMITTED, SETTLED, RELEASED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long budgetId;
    private UUID caseId;
    private BigDecimal requested;
    private BigDecimal committed;
    private BigDecimal released = new BigDecimal("0.00");
    private BigDecimal recovered = new BigDecimal("0.00");
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

    /**
     * The case ended: the commitment keeps what was paid and gives up the rest.
     *
     * @param paid what was paid to the case (the payment instructions recorded)
     * @return what goes back to the budget (0.00 when nothing is left to give up)
     */
    BigDecimal settle(BigDecimal paid) {
        BigDecimal kept = paid.min(committed);
        BigDecimal freed = committed.subtract(kept);
        this.committed = kept;
        this.released = released.add(freed);
        this.status = kept.signum() > 0 ? Status.SETTLED : Status.RELEASED;
        return freed;
    }

    /** Records paid money a clawback brought back (it stays committed: it never returns to the budget). */
    void recovered(BigDecimal amount) {
        this.recovered = amount.min(committed);
    }

    /** Whether the commitment holds money of its budget or may still (a live or settled commitment). */
    public boolean holds() {
        return status != Status.RELEASED;
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

    /** What went back to the budget when the case ended. */
    public BigDecimal getReleased() {
        return released;
    }

    /** Paid money recovered by a clawback (part of {@link #getCommitted()}). */
    public BigDecimal getRecovered() {
        return recovered;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
