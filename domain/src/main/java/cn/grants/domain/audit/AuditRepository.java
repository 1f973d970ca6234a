package cn.grants.domain.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditRepository extends JpaRepository<AuditEntry, Long> {

    List<AuditEntry> findByOrderByIdDesc(Pageable page);

    List<AuditEntry> findByCaseIdOrderByIdAsc(UUID caseId);
}
