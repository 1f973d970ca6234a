package cn.grants.domain.experts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ExpertDrawRepository extends JpaRepository<ExpertDraw, UUID> {

    List<ExpertDraw> findByCaseIdOrderBySlotAscAttemptAsc(UUID caseId);

    Optional<ExpertDraw> findByCaseIdAndSlotAndAttempt(UUID caseId, int slot, int attempt);

    List<ExpertDraw> findByCaseIdAndExpertUser(UUID caseId, String expertUser);

    boolean existsByCaseIdAndExpertUserAndStatusIn(UUID caseId, String expertUser,
            Collection<ExpertDraw.Status> statuses);
}
