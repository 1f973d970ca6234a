package cn.grants.domain.payouts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TrancheRepository extends JpaRepository<Tranche, Long> {

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
