package cn.grants.domain.documents;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CaseDocumentRepository extends JpaRepository<CaseDocument, UUID> {

    List<CaseDocument> findByCaseIdOrderByUploadedAtAsc(UUID caseId);

    Optional<CaseDocument> findByIdAndCaseId(UUID id, UUID caseId);
}
