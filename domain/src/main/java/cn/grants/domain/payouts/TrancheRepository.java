package cn.grants.domain.payouts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TrancheRepository extends JpaRepository<Tranche, Long> {

    // a query string, not a derived query: Hibernate keeps the plan of a query string, while it translates the
    // criteria query Spring Data derives from a method name again on every call (docs/performance.md, 6)
    @Query("select t from Tranche t where t.caseId = ?1 order by t.number")
    List<Tranche> findByCaseIdOrderByNumber(UUID caseId);

    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<Tranche> findByCaseIdInOrderByNumber(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from tranche t where t.case_id = any(cast(?1 as uuid[])) order by t.number
            """, nativeQuery = true)
    List<Tranche> ofCases(UUID[] caseIds);

    Optional<Tranche> findByCaseIdAndNumber(UUID caseId, int number);
}
