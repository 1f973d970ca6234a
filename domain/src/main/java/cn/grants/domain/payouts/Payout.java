package cn.grants.domain.payouts;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A payment instruction for one tranche of a case; at most one per case and tranche (unique in the database). */
@Entity
@Table(name = "payout")
public class Payout {

    @Id
    private UUID id;
    private UUID caseId;
    private int tranche;
    private BigDecimal amount;
    private String payeeName;
    private String payeeCreditCode;
    private String status;
    private String idempotencyKey;
    private Instant createdAt;
    private String payeeAccount;
    private String payeeBank;
    private String payeeBankCode;
    private String exportMessageId;
    private Instant exportedAt;

    public String getPayeeAccount() {
        return payeeAccount;
    }

    public String getPayeeBank() {
        return payeeBank;
    }

    public String getPayeeBankCode() {
        return payeeBankCode;
    }

    public String getExportMessageId() {
        return exportMessageId;
    }

    public Instant getExportedAt() {
        return exportedAt;
    }

    void exported(String messageId, Instant now) {
        this.exportMessageId = messageId;
        this.exportedAt = now;
    }

    protected Payout() {
    }

    public UUID getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public int getTranche() {
        return tranche;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getPayeeName() {
        return payeeName;
    }

    public String getPayeeCreditCode() {
        return payeeCreditCode;
    }

    public String getStatus() {
        return status;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
