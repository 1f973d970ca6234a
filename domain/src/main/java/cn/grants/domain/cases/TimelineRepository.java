package cn.grants.domain.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface TimelineRepository extends JpaRepository<TimelineEntry, Long> {

    List<TimelineEntry> findByCaseIdOrderByIdAsc(UUID caseId);

    /** The timelines of many cases in one query (a list of cases, no query per case). */
    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<TimelineEntry> findByCaseIdInOrderByIdAsc(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from case_timeline t where t.case_id = any(cast(?1 as uuid[])) order by t.id
            """, nativeQuery = true)
    List<TimelineEntry> ofCases(UUID[] caseIds);

    // a query string, not a derived query: Hibernate keeps the plan of a query string, while it translates the
    // criteria query Spring Data derives from a method name again on every call (docs/performance.md, 6)
    @Query("select count(t) > 0 from TimelineEntry t where t.idempotencyKey = ?1")
    boolean existsByIdempotencyKey(String idempotencyKey);

    /** Idempotent: a retried job writes the same key and nothing more. */
    @Modifying
    @Query(value = """
            insert into case_timeline (case_id, stage, event, at, actor, detail, idempotency_key)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (idempotency_key) do nothing
            """, nativeQuery = true)
    int record(UUID caseId, String stage, String event, Instant at, String actor, String detail, String idempotencyKey);

    /** As {@link #record}, with the model element (and its process definition) the entry came from. */
    @Modifying
    @Query(value = """
            insert into case_timeline (case_id, stage, event, at, actor, detail, idempotency_key, element_id,
                                       process_definition_key)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict (idempotency_key) do nothing
            """, nativeQuery = true)
    int recordAt(UUID caseId, String stage, String event, Instant at, String actor, String detail,
            String idempotencyKey, String elementId, Long processDefinitionKey);
}
