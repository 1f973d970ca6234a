package cn.grants.domain.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CaseDocumentRepository extends JpaRepository<CaseDocument, UUID> {

    List<CaseDocument> findByCaseIdOrderByUploadedAtAsc(UUID caseId);

    /**
     * The rows of many cases in one statement (a list of cases, no query per case). The ids go as one array
     * parameter ({@code = any}), not an IN list: one statement text whatever their number, so Hibernate keeps its
     * plan instead of translating the query again for every list length.
     */
    default List<CaseDocument> findByCaseIdInOrderByUploadedAtAsc(java.util.Collection<UUID> caseIds) {
        return ofCases(caseIds.toArray(UUID[]::new));
    }

    @Query(value = """
            select t.* from case_document t where t.case_id = any(cast(?1 as uuid[])) order by t.uploaded_at
            """, nativeQuery = true)
    List<CaseDocument> ofCases(UUID[] caseIds);

    Optional<CaseDocument> findByIdAndCaseId(UUID id, UUID caseId);

    long countByCaseId(UUID caseId);

    /** The bytes the case's documents hold (the per-case upload quota). */
    @Query("select coalesce(sum(d.sizeBytes), 0) from CaseDocument d where d.caseId = ?1")
    long totalBytesOfCase(UUID caseId);
}
