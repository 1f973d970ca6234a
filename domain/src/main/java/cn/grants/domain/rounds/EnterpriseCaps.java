package cn.grants.domain.rounds;

import static cn.grants.domain.money.Money.format;

import cn.grants.domain.budgets.Commitment;
import cn.grants.domain.budgets.CommitmentRepository;
import cn.grants.domain.cases.EnterpriseLocks;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.catalogue.CumulativeCap;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.OverlapGroups;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.money.Money;
import cn.grants.domain.persistence.InLists;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
     * Reduces each request to what the measure's per-enterprise cap leaves the case's enterprise, then to what its
     * cumulative cap (单个平台/单个项目) leaves the case's platform or project, in the order of the requests. A case
     * already committed keeps its commitment (and counts against the caps).
     *
     * @param lock whether to lock the enterprises (until the calling transaction ends): always when committing
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Capped apply(String measureId, Map<UUID, BigDecimal> requests, boolean lock) {
        Measure measure = catalogue.find(measureId).orElse(null);
        BigDecimal cap = measure == null ? null : measure.rule().perEnterpriseCap();
        CumulativeCap cumulative = measure == null ? null : measure.cumulativeCap();
        if ((cap == null && cumulative == null) || requests.isEmpty()) {
            return new Capped(requests, Map.of());
        }
        // the cases (a thousand per statement), their enterprises locked, then what those enterprises hold: the
        // measure's cases of the enterprises and all their commitments, read once for the whole batch
        Map<UUID, GrantCase> found = new java.util.HashMap<>();
        for (List<UUID> chunk : InLists.chunks(List.copyOf(requests.keySet()))) {
            cases.findAllById(chunk).forEach(c -> found.put(c.getId(), c));
        }
        Map<UUID, GrantCase> applicants = new LinkedHashMap<>();
        for (UUID id : requests.keySet()) {
            GrantCase applicant = found.get(id);
            if (applicant == null) {
                throw new java.util.NoSuchElementException("no case " + id);
            }
            applicants.put(id, applicant);
        }
        if (lock) {
            locks.lock(applicants.values().stream().map(GrantCase::getCreditCode).toList());
        }
        Holdings holdings = holdings(measureId, applicants.values());
        Capped capped = new Capped(requests, Map.of());
        if (cap != null) {
            capped = cap(capped, applicants, holdings, cap, GrantCase::getCreditCode,
                    "单个企业资助上限 per-enterprise cap", "held by the enterprise's other cases");
        }
        if (cumulative != null) {
            capped = cap(capped, applicants, holdings, cumulative.amount(),
                    c -> c.getCreditCode() + "|" + OverlapGroups.subjectKey(c.fundedSubject()),
                    cumulative.label() + " (" + cumulative.quote() + ")",
                    "granted to the same " + cumulative.key().name().toLowerCase() + " by its other applications");
        }
        return capped;
    }

    /** One cap over the cases that share a key (the enterprise, or its platform or project), in request order. */
    private Capped cap(Capped before, Map<UUID, GrantCase> applicants, Holdings holdings, BigDecimal cap,
            Function<GrantCase, String> key, String name, String heldBy) {
        Map<UUID, BigDecimal> requests = before.requests();
        // what each key holds before the new requests: its other cases and the requests already decided
        Map<UUID, BigDecimal> fixed = new LinkedHashMap<>();
        Map<String, BigDecimal> held = new LinkedHashMap<>();
        for (UUID id : requests.keySet()) {
            GrantCase applicant = applicants.get(id);
            String k = key.apply(applicant);
            held.computeIfAbsent(k, x -> heldByOthers(holdings, applicant.getCreditCode(), key, k,
                    requests.keySet()));
            BigDecimal decided = holdings.decided(applicant);
            if (decided != null) {
                fixed.put(id, decided);
                held.merge(k, decided, BigDecimal::add);
            }
        }
        Map<UUID, BigDecimal> allowed = new LinkedHashMap<>();
        Map<UUID, String> explanations = new LinkedHashMap<>(before.explanations());
        for (Map.Entry<UUID, BigDecimal> request : requests.entrySet()) {
            UUID id = request.getKey();
            String k = key.apply(applicants.get(id));
            BigDecimal asked = Money.round(request.getValue());
            BigDecimal own = fixed.getOrDefault(id, BigDecimal.ZERO);
            BigDecimal prior = held.get(k).subtract(own);
            BigDecimal room = Money.round(cap.subtract(prior).max(BigDecimal.ZERO));
            BigDecimal granted = fixed.containsKey(id) ? own : asked.min(room);
            if (granted.compareTo(asked) < 0 && room.compareTo(asked) < 0) {
                explanations.put(id, name + " " + format(cap) + " less " + format(prior) + " " + heldBy
                        + " leaves " + format(room));
            }
            if (!fixed.containsKey(id)) {
                held.merge(k, granted, BigDecimal::add);
            }
            allowed.put(id, granted);
        }
        return new Capped(allowed, explanations);
    }

    /** What the enterprises of a batch hold: the measure's cases of each enterprise, and each case's commitments. */
    private record Holdings(Map<String, List<GrantCase>> casesOf, Map<UUID, List<Commitment>> commitmentsOf) {

        /**
         * What a case holds of the enterprise's cap once decided: its commitments (after it ended, what was paid);
         * for a measure without a budget its approved amount (after it ended, what was paid); null when not decided.
         */
        BigDecimal decided(GrantCase c) {
            List<Commitment> held = commitmentsOf.getOrDefault(c.getId(), List.of());
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

    /** Read under the enterprises' locks: a statement per thousand enterprises, and per thousand of their cases. */
    private Holdings holdings(String measureId, java.util.Collection<GrantCase> applicants) {
        List<String> codes = applicants.stream().map(GrantCase::getCreditCode).distinct().sorted().toList();
        Map<String, List<GrantCase>> casesOf = new java.util.HashMap<>();
        Set<UUID> ids = new java.util.LinkedHashSet<>();
        applicants.forEach(c -> ids.add(c.getId()));
        for (List<String> chunk : InLists.chunks(codes)) {
            entityManager.createQuery("select c from GrantCase c where c.measureId = ?1 and c.creditCode in ?2",
                    GrantCase.class).setParameter(1, measureId).setParameter(2, chunk).getResultList()
                    .forEach(c -> {
                        casesOf.computeIfAbsent(c.getCreditCode(), k -> new java.util.ArrayList<>()).add(c);
                        ids.add(c.getId());
                    });
        }
        Map<UUID, List<Commitment>> commitmentsOf = new java.util.HashMap<>();
        for (List<UUID> chunk : InLists.chunks(List.copyOf(ids))) {
            commitments.findByCaseIdIn(chunk).forEach(c -> commitmentsOf
                    .computeIfAbsent(c.getCaseId(), k -> new java.util.ArrayList<>()).add(c));
        }
        return new Holdings(casesOf, commitmentsOf);
    }

    /** What the key's other cases of the measure hold: their commitments, or approved amounts without one. */
    private static BigDecimal heldByOthers(Holdings holdings, String creditCode, Function<GrantCase, String> key,
            String k, Set<UUID> except) {
        BigDecimal total = Money.ZERO;
        for (GrantCase other : holdings.casesOf().getOrDefault(creditCode, List.of())) {
            if (!except.contains(other.getId()) && k.equals(key.apply(other))) {
                BigDecimal decided = holdings.decided(other);
                total = total.add(decided == null ? BigDecimal.ZERO : decided);
            }
        }
        return total;
    }
}
