package cn.grants.domain.payouts;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A pain.001 file an export wrote: where it is kept, its checksum, what it carries and what it left out. */
@Entity
@Table(name = "payment_file")
public class PaymentFile {

    @Id
    private String messageId;
    private Instant createdAt;
    private String createdBy;
    private int transactions;
    private BigDecimal controlSum;
    private String sha256;
    private String objectKey;
    private String skipped;

    protected PaymentFile() {
    }

    PaymentFile(String messageId, Instant createdAt, String createdBy, int transactions, BigDecimal controlSum,
            String sha256, String objectKey, String skipped) {
        this.messageId = messageId;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.transactions = transactions;
        this.controlSum = controlSum;
        this.sha256 = sha256;
        this.objectKey = objectKey;
        this.skipped = skipped;
    }

    public String getMessageId() {
        return messageId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public int getTransactions() {
        return transactions;
    }

    public BigDecimal getControlSum() {
        return controlSum;
    }

    public String getSha256() {
        return sha256;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public String getSkipped() {
        return skipped;
    }
}
