package cn.grants.domain.rounds;

import static cn.grants.domain.money.Money.format;

import cn.grants.domain.budgets.Commitment;
import cn.grants.domain.budgets.CommitmentRepository;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-enterprise cap of a measure (单个企业资助上限) at the batch decision: what a batch commits to an enterprise,
 * with what its other cases of the measure hold, never exceeds the cap. Checked under the enterprise's lock
 * ({@link EnterpriseLocks}), so concurrent commitments for one enterprise are serialised and the second sees the
 * first.
 */
@Service
public class EnterpriseCaps {

    /** The requests as the caps allow them, and why each one that was reduced was reduced. */
    public record Capped(Map<UUID, BigDecimal> requests, Map<UUID, String> explanations) {
    }

    private final GrantCaseRepository cases;
    private final CommitmentRepository commitments;
    private final PolicyCatalogue catalogue;
    private final EnterpriseLocks locks;
    private final EntityManager entityManager;

    public EnterpriseCaps(GrantCaseRepository cases, CommitmentRepository commitments, PolicyCatalogue catalogue,
            EnterpriseLocks locks, EntityManager entityManager) {
        this.cases = cases;
        this.commitments = commitments;
        this.catalogue = catalogue;
        this.locks = locks;
        this.entityManager = entityManager;
    }

    /**
     * Reduces each request to what the measure's per-enterprise cap leaves the case's enterprise, in the order of
     * the requests. A case already committed keeps its commitment (and counts against the cap).
     *
     * @param lock whether to lock the enterprises (until the calling transaction ends): always when committing
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Capped apply(String measureId, Map<UUID, BigDecimal> requests, boolean lock) {
        BigDecimal cap = catalogue.find(measureId).map(Measure::rule).map(r -> r.perEnterpriseCap()).orElse(null);
        if (cap == null || requests.isEmpty()) {
            return new Capped(requests, Map.of());
        }
        Map<UUID, GrantCase> applicants = new LinkedHashMap<>();
        requests.keySet().forEach(id -> applicants.put(id, cases.findById(id).orElseThrow()));
        if (lock) {
            locks.lock(applicants.values().stream().map(GrantCase::getCreditCode).toList());
        }
        // what each enterprise holds before the new requests: its other cases and the requests already decided
        Map<UUID, BigDecimal> fixed = new LinkedHashMap<>();
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        for (UUID id : requests.keySet()) {
            String creditCode = applicants.get(id).getCreditCode();
            held.computeIfAbsent(creditCode, code -> heldByOthers(measureId, code, requests.keySet()));
            BigDecimal decided = decided(applicants.get(id));
            if (decided != null) {
                fixed.put(id, decided);
                held.merge(creditCode, decided, BigDecimal::add);
            }
        }
        Map<UUID, BigDecimal> allowed = new LinkedHashMap<>();
        Map<UUID, String> explanations = new LinkedHashMap<>();
        for (Map.Entry<UUID, BigDecimal> request : requests.entrySet()) {
            UUID id = request.getKey();
            String creditCode = applicants.get(id).getCreditCode();
            BigDecimal asked = Money.round(request.getValue());
            BigDecimal own = fixed.getOrDefault(id, BigDecimal.ZERO);
            BigDecimal before = held.get(creditCode).subtract(own);
            BigDecimal room = Money.round(cap.subtract(before).max(BigDecimal.ZERO));
            BigDecimal granted = fixed.containsKey(id) ? own : asked.min(room);
            if (granted.compareTo(asked) < 0 && room.compareTo(asked) < 0) {
                explanations.put(id, "单个企业资助上限 per-enterprise cap " + format(cap) + " less "
                        + format(before) + " held by the enterprise's other cases leaves " + format(room));
            }
            if (!fixed.containsKey(id)) {
                held.merge(creditCode, granted, BigDecimal::add);
            }
            allowed.put(id, granted);
        }
        return new Capped(allowed, explanations);
    }

    /** What the enterprise's other cases of the measure hold: their commitments, or approved amounts without one. */
    private BigDecimal heldByOthers(String measureId, String creditCode, Set<UUID> except) {
        List<GrantCase> others = entityManager.createQuery(
                "select c from GrantCase c where c.measureId = ?1 and c.creditCode = ?2", GrantCase.class)
                .setParameter(1, measureId).setParameter(2, creditCode).getResultList();
        BigDecimal total = Money.ZERO;
        for (GrantCase other : others) {
            if (!except.contains(other.getId())) {
                BigDecimal decided = decided(other);
                total = total.add(decided == null ? BigDecimal.ZERO : decided);
            }
        }
        return total;
    }

    /**
     * What a case holds of the enterprise's cap once decided: its commitments (after it ended, what was paid); for
     * a measure without a budget its approved amount (after it ended, what was paid); null when not decided yet.
     */
    private BigDecimal decided(GrantCase c) {
        List<Commitment> held = commitments.findByCaseId(c.getId());
        if (!held.isEmpty()) {
            return held.stream().filter(Commitment::holds).map(Commitment::getCommitted)
                    .reduce(Money.ZERO, BigDecimal::add);
        }
        if (c.getApprovedAmount() != null) {
            return c.hasEnded() ? Money.round(c.getPaidAmount()) : c.getApprovedAmount();
        }
        return null;
    }
}
