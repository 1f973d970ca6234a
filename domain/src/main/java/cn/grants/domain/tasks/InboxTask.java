package cn.grants.domain.tasks;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * A human step: a job-based user task ({@code io.camunda.zeebe:userTask} job) held in the inbox until a user in its
 * candidate group (or its assignee) completes it, which completes the job.
 */
@Entity
@Table(name = "user_task")
public class InboxTask {

    public enum Status { OPEN, COMPLETED, CANCELLED }

    @Id
    private UUID id;
    private String engineEpoch;
    private long jobKey;
    private UUID caseId;
    private long processInstanceKey;
    private String elementId;
    private String name;
    private String candidateGroup;
    private String assignee;
    private String outcomes;
    @Enumerated(EnumType.STRING)
    private Status status;
    private Instant createdAt;
    private int activations;
    private Instant completedAt;
    private String completedBy;
    private String outcome;
    private String comment;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> variables;
    private UUID roundId;
    private String claimedBy;

    public String getClaimedBy() {
        return claimedBy;
    }

    /**
     * The case's process instance moved to another model version (process instance migration): the task's job now
     * belongs to the mapped element of that version.
     */
    public void movedTo(String elementId, String name) {
        if (status != Status.OPEN) {
            throw new IllegalStateException("task " + id + " is " + status + ": only an open task moves with its case");
        }
        this.elementId = elementId;
        if (name != null && !name.isBlank()) {
            this.name = name;
        }
    }

    /** A user takes the task so that others in the group see it is being worked on. */
    public void claim(String user) {
        this.claimedBy = user;
    }

    public void unclaim() {
        this.claimedBy = null;
    }
    /** What the step needs to show and check, from the job's variables (tranche and amount, first approver, ...). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> details;

    public UUID getRoundId() {
        return roundId;
    }

    public Map<String, Object> getDetails() {
        return details == null ? Map.of() : details;
    }

    protected InboxTask() {
    }

    public boolean allows(String candidateOutcome) {
        return allowedOutcomes().contains(candidateOutcome);
    }

    public List<String> allowedOutcomes() {
        return Arrays.stream(outcomes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public void complete(String user, String outcome, String comment, Map<String, Object> variables, Instant now) {
        this.status = Status.COMPLETED;
        this.completedBy = user;
        this.outcome = outcome;
        this.comment = comment;
        this.variables = variables;
        this.completedAt = now;
    }

    public void cancel(Instant now) {
        this.status = Status.CANCELLED;
        this.completedAt = now;
    }

    public UUID getId() {
        return id;
    }

    /** The engine the task's job belongs to: a restarted in-memory engine has a new epoch. */
    public String getEngineEpoch() {
        return engineEpoch;
    }

    public long getJobKey() {
        return jobKey;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public long getProcessInstanceKey() {
        return processInstanceKey;
    }

    public String getElementId() {
        return elementId;
    }

    public String getName() {
        return name;
    }

    public String getCandidateGroup() {
        return candidateGroup;
    }

    public String getAssignee() {
        return assignee;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getActivations() {
        return activations;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public String getCompletedBy() {
        return completedBy;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getComment() {
        return comment;
    }

    public Map<String, Object> getVariables() {
        return variables;
    }
}
