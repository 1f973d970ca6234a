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

    /** The cases an expert is on the panel of, in one query (his case list). */
    @org.springframework.data.jpa.repository.Query("select distinct d.caseId from ExpertDraw d where d.expertUser = ?1 and d.status in ?2")
    List<UUID> casesOf(String expertUser, java.util.Collection<ExpertDraw.Status> statuses);

    boolean existsByCaseIdAndExpertUserAndStatusIn(UUID caseId, String expertUser,
            Collection<ExpertDraw.Status> statuses);
}
