package cn.grants.domain.budgets;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The money a programme (a measure) may commit in a year. */
@Entity
@Table(name = "budget")
public class Budget {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String programme;
    private int year;
    private BigDecimal amount;
    private BigDecimal committed;
    private Instant updatedAt;

    protected Budget() {
    }

    public Budget(String programme, int year, BigDecimal amount, Instant now) {
        this.programme = programme;
        this.year = year;
        this.amount = amount;
        this.committed = new BigDecimal("0.00");
        this.updatedAt = now;
    }

    public BigDecimal remaining() {
        return amount.subtract(committed);
    }

    void resize(BigDecimal newAmount, Instant now) {
        this.amount = newAmount;
        this.updatedAt = now;
    }

    void commit(BigDecimal value, Instant now) {
        this.committed = committed.add(value);
        this.updatedAt = now;
    }

    void release(BigDecimal value, Instant now) {
        this.committed = committed.subtract(value);
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getProgramme() {
        return programme;
    }

    public int getYear() {
        return year;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public BigDecimal getCommitted() {
        return committed;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
