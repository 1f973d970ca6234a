package cn.grants.domain.rounds;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A line of a round's funding plan (资助计划): a case that passed its publicity, with the amount granted. */
@Entity
@Table(name = "funding_plan_line")
public class FundingPlanLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID roundId;
    private UUID caseId;
    private int lineNo;
    private BigDecimal amount;
    private Instant listedAt;

    protected FundingPlanLine() {
    }

    public FundingPlanLine(UUID roundId, UUID caseId, int lineNo, BigDecimal amount, Instant listedAt) {
        this.roundId = roundId;
        this.caseId = caseId;
        this.lineNo = lineNo;
        this.amount = amount;
        this.listedAt = listedAt;
    }

    public UUID getRoundId() {
        return roundId;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public int getLineNo() {
        return lineNo;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Instant getListedAt() {
        return listedAt;
    }
}
