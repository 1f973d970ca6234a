package cn.grants.domain.experts;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

/**
 * One draw of a reviewer for a case: slot {@code slot} of the panel, attempt {@code attempt} (a new attempt after a
 * timeout). It records who was drawn, who had to sit out and why, and, once the expert has scored, their score and
 * criterion scores. At most one row per case, slot and attempt (unique in the database).
 */
@Entity
@Table(name = "expert_draw")
public class ExpertDraw extends cn.grants.domain.persistence.AssignedIdEntity {

    public enum Status {
        /** The expert was drawn and has not scored yet. */
        ASSIGNED,
        /** The expert scored. */
        SCORED,
        /** The expert did not score in time; the slot is drawn again with a new attempt. */
        TIMED_OUT,
        /** The expert declared a conflict of interest (回避); the slot is drawn again with a new attempt. */
        RECUSED,
        /** Nobody in the pool was left to draw. */
        NO_EXPERT
    }

    @Id
    private UUID id;
    private UUID caseId;
    private int slot;
    private int attempt;
    private String expertId;
    private String expertUser;
    private String expertName;
    @Enumerated(EnumType.STRING)
    private Status status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private List<ExpertSelection.Exclusion> exclusions = new ArrayList<>();
    private Instant drawnAt;
    private Instant completedAt;
    private BigDecimal score;
    /** The amount the expert recommends when the clause gives only a ceiling (核定 is the officer's); may be null. */
    private BigDecimal recommendedAmount;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // replaced, never changed in place (see docs/performance.md, 14)
    private Map<String, Object> criteria;

    protected ExpertDraw() {
    }

    ExpertDraw(UUID id, UUID caseId, int slot, int attempt, ExpertSelection.Selection selection, Instant now) {
        this.id = id;
        this.caseId = caseId;
        this.slot = slot;
        this.attempt = attempt;
        Expert chosen = selection.chosen();
        if (chosen != null) {
            this.expertId = chosen.id();
            this.expertUser = chosen.user();
            this.expertName = chosen.name();
            this.status = Status.ASSIGNED;
        } else {
            this.status = Status.NO_EXPERT;
        }
        this.exclusions = new ArrayList<>(selection.exclusions());
        this.drawnAt = now;
    }

    void timedOut(Instant now) {
        this.status = Status.TIMED_OUT;
        this.completedAt = now;
    }

    void recused(String reason, Instant now) {
        this.status = Status.RECUSED;
        this.completedAt = now;
        this.criteria = new LinkedHashMap<>(Map.of("recusal", reason));
    }

    void scored(BigDecimal score, Map<String, Object> criteria, BigDecimal recommendedAmount, Instant now) {
        this.status = Status.SCORED;
        this.score = score;
        this.recommendedAmount = recommendedAmount;
        this.criteria = new LinkedHashMap<>(criteria);
        this.completedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public BigDecimal getRecommendedAmount() {
        return recommendedAmount;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public int getSlot() {
        return slot;
    }

    public int getAttempt() {
        return attempt;
    }

    /** {@code null} when nobody was left ({@link Status#NO_EXPERT}). */
    public String getExpertId() {
        return expertId;
    }

    public String getExpertUser() {
        return expertUser;
    }

    public String getExpertName() {
        return expertName;
    }

    public Status getStatus() {
        return status;
    }

    /** The experts who could not be drawn, and why. */
    public List<ExpertSelection.Exclusion> getExclusions() {
        return List.copyOf(exclusions);
    }

    public Instant getDrawnAt() {
        return drawnAt;
    }

    /** When the expert scored or timed out. */
    public Instant getCompletedAt() {
        return completedAt;
    }

    public BigDecimal getScore() {
        return score;
    }

    /** The expert's score per criterion, as given. */
    public Map<String, Object> getCriteria() {
        return criteria;
    }
}
