package cn.grants.domain.objections;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ObjectionRepository extends JpaRepository<Objection, UUID> {

    List<Objection> findByCaseIdOrderByReceivedAt(UUID caseId);

    List<Objection> findByCaseIdInOrderByReceivedAt(java.util.Collection<UUID> caseIds);
}
