package cn.grants.domain.cases;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stage entered or left, with time and actor. */
@Entity
@Table(name = "case_timeline")
public class TimelineEntry {

    public enum Event { ENTERED, LEFT, DECIDED, MIGRATED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private UUID caseId;
    private String stage;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Event event;
    private Instant at;
    private String actor;
    private String detail;
    private String idempotencyKey;
    private String elementId;
    private Long processDefinitionKey;

    public String getElementId() {
        return elementId;
    }

    public Long getProcessDefinitionKey() {
        return processDefinitionKey;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    protected TimelineEntry() {
    }

    public Long getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public String getStage() {
        return stage;
    }

    public Event getEvent() {
        return event;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getDetail() {
        return detail;
    }
}
