package cn.grants.domain.objections;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ObjectionRepository extends JpaRepository<Objection, UUID> {

    List<Objection> findByCaseIdOrderByReceivedAt(UUID caseId);

    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<Objection> findByCaseIdInOrderByReceivedAt(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from objection t where t.case_id = any(cast(?1 as uuid[])) order by t.received_at
            """, nativeQuery = true)
    List<Objection> ofCases(UUID[] caseIds);
}
