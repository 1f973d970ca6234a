package cn.grants.domain.rounds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A funding round (批次): one or more measures open for applications in a window, with a budget per measure for the
 * year (or an officer's recorded decision that a measure is not limited), the number of experts per case and the
 * pass score. Its process (grant-round) runs every application's
 * review, then the batch decision, the publicity and the funding plan.
 */
@Entity
@Table(name = "funding_round")
public class FundingRound {

    public enum Status { OPEN, REVIEWING, DECIDING, PUBLICITY, CLOSED }

    @Id
    private UUID id;
    private String name;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> measures = new ArrayList<>();
    private int year;
    private Instant windowOpens;
    private Instant windowCloses;
    private int expertsPerCase;
    private BigDecimal passScore;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String engineEpoch;
    private Long processInstanceKey;
    private Instant publicityEnds;
    private String planNumber;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> unlimitedMeasures = new ArrayList<>();
    private String unlimitedReason;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> stagePlans = new LinkedHashMap<>();
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    @Column(nullable = false)
    private long version;

    protected FundingRound() {
    }

    public FundingRound(UUID id, String name, List<String> measures, int year, Instant windowOpens,
            Instant windowCloses, int expertsPerCase, BigDecimal passScore, String createdBy, Instant now) {
        this.id = id;
        this.name = name;
        this.measures = new ArrayList<>(measures);
        this.year = year;
        this.windowOpens = windowOpens;
        this.windowCloses = windowCloses;
        this.expertsPerCase = expertsPerCase;
        this.passScore = passScore;
        this.status = Status.OPEN;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Records the opening officer's decision that these measures have no budget limit in this round (who and when:
     * the round's creator, at its creation).
     */
    public void unlimited(List<String> measureIds, String reason) {
        this.unlimitedMeasures = new ArrayList<>(measureIds);
        this.unlimitedReason = measureIds.isEmpty() ? null : reason;
    }

    /** How this round pays its staged measures (里程碑式 / 赛马式), by measure id; set when the round opens. */
    public void paysByStages(Map<String, StagePlan> plans) {
        this.stagePlans = new LinkedHashMap<>();
        plans.forEach((measure, plan) -> stagePlans.put(measure, plan.toMap()));
    }

    /** The round's stage plan for a measure; none: the measure is paid in one tranche in this round. */
    public java.util.Optional<StagePlan> stagePlan(String measureId) {
        return stagePlans == null || !(stagePlans.get(measureId) instanceof Map<?, ?> stored)
                ? java.util.Optional.empty() : java.util.Optional.of(StagePlan.fromMap(stored));
    }

    public Map<String, Object> getStagePlans() {
        return stagePlans == null ? Map.of() : Map.copyOf(stagePlans);
    }

    /** Whether an officer decided, on record, that the measure has no budget limit in this round. */
    public boolean isUnlimited(String measureId) {
        return unlimitedMeasures != null && unlimitedMeasures.contains(measureId);
    }

    public List<String> getUnlimitedMeasures() {
        return unlimitedMeasures == null ? List.of() : List.copyOf(unlimitedMeasures);
    }

    public String getUnlimitedReason() {
        return unlimitedReason;
    }

    public boolean acceptsApplications(Instant now) {
        return status == Status.OPEN && !now.isBefore(windowOpens) && now.isBefore(windowCloses);
    }

    public void started(String engineEpoch, long processInstanceKey) {
        this.engineEpoch = engineEpoch;
        this.processInstanceKey = processInstanceKey;
    }

    public void intakeClosed(Instant now) {
        if (status == Status.OPEN) {
            status = Status.REVIEWING;
            updatedAt = now;
        }
    }

    /** The batch was planned (the plan itself is a {@link RoundBatchPlan}): the round is deciding. */
    public void planned(Instant now) {
        this.status = Status.DECIDING;
        this.updatedAt = now;
    }

    public void publicity(Instant ends, String planNumber, Instant now) {
        this.publicityEnds = ends;
        this.planNumber = planNumber;
        this.status = Status.PUBLICITY;
        this.updatedAt = now;
    }

    public void closed(Instant now) {
        this.status = Status.CLOSED;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public List<String> getMeasures() {
        return List.copyOf(measures);
    }

    public int getYear() {
        return year;
    }

    public Instant getWindowOpens() {
        return windowOpens;
    }

    public Instant getWindowCloses() {
        return windowCloses;
    }

    public int getExpertsPerCase() {
        return expertsPerCase;
    }

    public BigDecimal getPassScore() {
        return passScore;
    }

    public Status getStatus() {
        return status;
    }

    public String getEngineEpoch() {
        return engineEpoch;
    }

    public Long getProcessInstanceKey() {
        return processInstanceKey;
    }

    public Instant getPublicityEnds() {
        return publicityEnds;
    }

    public String getPlanNumber() {
        return planNumber;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
