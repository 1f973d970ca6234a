package cn.grants.domain.cases;

import cn.grants.domain.persistence.InLists;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises, per enterprise, everything that reads what an enterprise was granted and then adds to it (the
 * per-enterprise cap of a measure: the calculation of a case, the commitment of a batch). A transaction-scoped
 * PostgreSQL advisory lock on the enterprise's credit code, held until the transaction ends, so every instance of
 * the application sharing the database waits for the other; several enterprises are locked in credit-code order
 * (no deadlock between two batches). Take it before the case and budget row locks.
 */
@Component
public class EnterpriseLocks {

    /** The first key of the two-key advisory locks this class takes (the second is the credit code's hash). */
    static final int NAMESPACE = 10_003;

    private final EntityManager entityManager;

    public EnterpriseLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Locks the enterprises with these credit codes until the calling transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(Collection<String> creditCodes) {
        List<String> ordered = List.copyOf(new TreeSet<>(creditCodes));
        if (ordered.size() == 1) {
            entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1, hashtext(?2))) as l")
                    .setParameter(1, NAMESPACE).setParameter(2, ordered.get(0)).getSingleResult();
            return;
        }
        // a thousand enterprises per statement, each statement taking its locks one after the other in the order of
        // the sorted codes (the projection runs over the sorted rows; "offset 0" keeps the sort below it)
        for (List<String> chunk : InLists.chunks(ordered)) {
            entityManager.createNativeQuery("""
                    select count(*) from (
                      select pg_advisory_xact_lock(?1, hashtext(code))
                        from (select code from unnest(cast(?2 as text[])) as code order by code collate "C" offset 0)
                             as sorted) as locked""")
                    .setParameter(1, NAMESPACE).setParameter(2, chunk.toArray(String[]::new)).getSingleResult();
        }
    }

    /**
     * Locks the enterprises that applied in these cases (read without loading or locking the cases: take this lock
     * before the cases' locks).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockEnterprisesOf(Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        List<?> codes = entityManager.createNativeQuery("select credit_code from grant_case where id in (:ids)")
                .setParameter("ids", caseIds).getResultList();
        lock(codes.stream().map(String.class::cast).toList());
    }
}
