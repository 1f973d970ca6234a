package cn.grants.domain.rounds;

import cn.grants.domain.persistence.AssignedIdEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The batch plan of a round, as the batch decision planned it for the officer: whether the measures' budgets were
 * oversubscribed, and per measure every case's request, what the plan grants and why (cut, capped). Kept apart from
 * the round, which every case's steps read: the plan grows with the batch and is read only by the round's page and
 * by the engine-restart recovery.
 */
@Entity
@Table(name = "round_batch_plan")
public class RoundBatchPlan extends AssignedIdEntity {

    @Id
    private UUID roundId;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> plan;
    private Instant plannedAt;

    protected RoundBatchPlan() {
    }

    public RoundBatchPlan(UUID roundId, Map<String, Object> plan, Instant plannedAt) {
        this.roundId = roundId;
        this.plan = new LinkedHashMap<>(plan);
        this.plannedAt = plannedAt;
    }

    /** The batch planned again (before its commit): the new plan replaces the old one. */
    public void replanned(Map<String, Object> plan, Instant plannedAt) {
        this.plan = new LinkedHashMap<>(plan);
        this.plannedAt = plannedAt;
    }

    public boolean oversubscribed() {
        return Boolean.TRUE.equals(plan.get("oversubscribed"));
    }

    @Override
    public UUID getId() {
        return roundId;
    }

    public Map<String, Object> getPlan() {
        return plan;
    }

    public Instant getPlannedAt() {
        return plannedAt;
    }
}
