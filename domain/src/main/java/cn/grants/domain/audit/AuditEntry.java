package cn.grants.domain.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One action: who did what, when, on which case, with which result. The table refuses updates and deletes. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant at;
    private String actor;
    private String action;
    private int status;
    private UUID caseId;
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(Instant at, String actor, String action, int status, UUID caseId, String detail) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.status = status;
        this.caseId = caseId;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public int getStatus() {
        return status;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public String getDetail() {
        return detail;
    }
}
