package cn.grants.domain.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ConditionCheckRepository extends JpaRepository<ConditionCheck, UUID> {

    // a query string, not a derived query: Hibernate keeps the plan of a query string, while it translates the
    // criteria query Spring Data derives from a method name again on every call (docs/performance.md, 6)
    @Query("select c from ConditionCheck c where c.caseId = ?1")
    List<ConditionCheck> findByCaseId(UUID caseId);

    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<ConditionCheck> findByCaseIdIn(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from case_condition t where t.case_id = any(cast(?1 as uuid[]))
            """, nativeQuery = true)
    List<ConditionCheck> ofCases(UUID[] caseIds);
}
