package cn.grants.domain.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LimitExceptionRepository extends JpaRepository<LimitException, UUID> {

    List<LimitException> findByCaseIdOrderByRequestedAtAsc(UUID caseId);

    List<LimitException> findByCaseIdInOrderByRequestedAtAsc(java.util.Collection<UUID> caseIds);
}
