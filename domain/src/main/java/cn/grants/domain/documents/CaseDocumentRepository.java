package cn.grants.domain.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CaseDocumentRepository extends JpaRepository<CaseDocument, UUID> {

    List<CaseDocument> findByCaseIdOrderByUploadedAtAsc(UUID caseId);

    List<CaseDocument> findByCaseIdInOrderByUploadedAtAsc(java.util.Collection<UUID> caseIds);

    Optional<CaseDocument> findByIdAndCaseId(UUID id, UUID caseId);

    long countByCaseId(UUID caseId);

    /** The bytes the case's documents hold (the per-case upload quota). */
    @Query("select coalesce(sum(d.sizeBytes), 0) from CaseDocument d where d.caseId = ?1")
    long totalBytesOfCase(UUID caseId);
}
