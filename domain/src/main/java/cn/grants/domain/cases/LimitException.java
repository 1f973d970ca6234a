package cn.grants.domain.cases;

import cn.grants.domain.catalogue.SoftLimit;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An officer's request to exceed a measure's soft limit (一般/原则上) for one case, with the reason, and a second
 * officer's decision on it. Only an approved request raises the limit.
 */
@Entity
@Table(name = "limit_exception")
public class LimitException {

    public enum Status { REQUESTED, APPROVED, REFUSED }

    @Id
    private UUID id;
    private UUID caseId;
    private String measureId;
    @Enumerated(EnumType.STRING)
    private SoftLimit.Kind kind;
    private String limitWords;
    private BigDecimal defaultValue;
    private BigDecimal value;
    private String reason;
    private String requestedBy;
    private Instant requestedAt;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String decidedBy;
    private Instant decidedAt;
    private String decisionNote;

    protected LimitException() {
    }

    LimitException(UUID caseId, String measureId, SoftLimit limit, BigDecimal defaultValue, BigDecimal value,
            String reason, String officer, Instant at) {
        if (value.compareTo(defaultValue) <= 0) {
            throw new IllegalArgumentException("is not above the limit " + defaultValue.stripTrailingZeros()
                    .toPlainString() + " (" + limit.quote() + "): nothing to exceed");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required to exceed " + limit.quote());
        }
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.measureId = measureId;
        this.kind = limit.kind();
        this.limitWords = limit.quote();
        this.defaultValue = defaultValue;
        this.value = value;
        this.reason = reason.strip();
        this.requestedBy = officer;
        this.requestedAt = at;
        this.status = Status.REQUESTED;
    }

    /**
     * The second officer decides.
     *
     * @throws IllegalStateException when it was decided already, or the officer is the one who asked
     */
    void decide(boolean approve, String officer, String note, Instant at) {
        if (status != Status.REQUESTED) {
            throw new IllegalStateException("the request to exceed " + limitWords + " was already " + status);
        }
        if (officer.equals(requestedBy)) {
            throw new IllegalStateException("the second approval must come from another officer than "
                    + requestedBy + ", who asked for it");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("a note is required to refuse: it is the reason recorded");
        }
        this.status = approve ? Status.APPROVED : Status.REFUSED;
        this.decidedBy = officer;
        this.decidedAt = at;
        this.decisionNote = note == null || note.isBlank() ? null : note.strip();
    }

    public UUID getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public SoftLimit.Kind getKind() {
        return kind;
    }

    public String getLimitWords() {
        return limitWords;
    }

    public BigDecimal getDefaultValue() {
        return defaultValue;
    }

    public BigDecimal getValue() {
        return value;
    }

    public String getReason() {
        return reason;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Status getStatus() {
        return status;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }

    public String getDecisionNote() {
        return decisionNote;
    }
}
