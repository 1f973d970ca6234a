package cn.grants.domain.cases;

import cn.grants.domain.catalogue.Eligibility;
import cn.grants.domain.catalogue.Eligibility.Mark;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One eligibility condition of one case: the applicant's answer, the system's mark where the answer decides it, and
 * the officer's mark with a note from the formal check. The effective mark is the officer's, else the system's.
 */
@Entity
@Table(name = "case_condition")
public class ConditionCheck extends cn.grants.domain.persistence.AssignedIdEntity {

    @Id
    private UUID id;
    private UUID caseId;
    private String conditionId;
    private String answer;
    @Enumerated(EnumType.STRING)
    private Mark systemMark;
    private String systemReason;
    @Enumerated(EnumType.STRING)
    private Mark officerMark;
    private String officerNote;
    private String markedBy;
    private Instant markedAt;

    protected ConditionCheck() {
    }

    ConditionCheck(UUID caseId, String conditionId) {
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.conditionId = conditionId;
    }

    /** The applicant answers (again): the system checks the answer, and an officer's earlier mark no longer holds. */
    void answered(String value, Eligibility.Check check) {
        this.answer = value;
        this.systemMark = check.mark();
        this.systemReason = check.reason();
        this.officerMark = null;
        this.officerNote = null;
        this.markedBy = null;
        this.markedAt = null;
    }

    /**
     * The officer's mark. Met needs something to verify (an answer, or a document of the kind) and cannot overrule the
     * system's "not met"; not met needs a note.
     *
     * @throws IllegalArgumentException when the mark is not allowed, with the reason
     */
    void mark(boolean met, String note, boolean evidenced, String officer, Instant at) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (met && systemMark == Mark.NOT_MET) {
            throw new IllegalArgumentException("cannot be marked met: " + systemReason
                    + "; return the case for correction or reject it");
        }
        if (met && !evidenced) {
            throw new IllegalArgumentException("cannot be marked met: nothing evidences it yet (no answer, or no "
                    + "document of its kind); return the case for correction");
        }
        if (!met && text == null) {
            throw new IllegalArgumentException("a note is required when a condition is not met: it is the reason "
                    + "given to the applicant");
        }
        this.officerMark = met ? Mark.MET : Mark.NOT_MET;
        this.officerNote = text;
        this.markedBy = officer;
        this.markedAt = at;
    }

    /** The officer's mark, else the system's; null when neither has marked it. */
    public Mark effective() {
        return officerMark != null ? officerMark : systemMark;
    }

    @Override
    public UUID getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public String getConditionId() {
        return conditionId;
    }

    public String getAnswer() {
        return answer;
    }

    public Mark getSystemMark() {
        return systemMark;
    }

    public String getSystemReason() {
        return systemReason;
    }

    public Mark getOfficerMark() {
        return officerMark;
    }

    public String getOfficerNote() {
        return officerNote;
    }

    public String getMarkedBy() {
        return markedBy;
    }

    public Instant getMarkedAt() {
        return markedAt;
    }
}
