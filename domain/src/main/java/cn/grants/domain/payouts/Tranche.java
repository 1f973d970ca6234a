package cn.grants.domain.payouts;

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

/** One tranche (期) of a case's disbursement: how much, of which kind, due when, and whether it was paid. */
@Entity
@Table(name = "tranche")
public class Tranche {

    public enum Kind { ONE_OFF, YEARLY, MILESTONE, MATCHING, STAGE }

    public enum Status { PLANNED, PAID, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID caseId;
    private int number;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private BigDecimal amount;
    private Instant due;
    @Enumerated(EnumType.STRING)
    private Status status;

    protected Tranche() {
    }

    public Tranche(UUID caseId, int number, Kind kind, BigDecimal amount, Instant due) {
        this.caseId = caseId;
        this.number = number;
        this.kind = kind;
        this.amount = amount;
        this.due = due;
        this.status = Status.PLANNED;
    }

    void paid() {
        this.status = Status.PAID;
    }

    void cancelled() {
        if (status == Status.PLANNED) {
            this.status = Status.CANCELLED;
        }
    }

    public UUID getCaseId() {
        return caseId;
    }

    public int getNumber() {
        return number;
    }

    public Kind getKind() {
        return kind;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Instant getDue() {
        return due;
    }

    public Status getStatus() {
        return status;
    }
}
