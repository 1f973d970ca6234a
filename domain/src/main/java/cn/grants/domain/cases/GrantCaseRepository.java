package cn.grants.domain.cases;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface GrantCaseRepository extends JpaRepository<GrantCase, UUID> {

    List<GrantCase> findByApplicantUserOrderByCreatedAtDesc(String applicantUser);

    List<GrantCase> findAllByOrderByCreatedAtDesc();

    Optional<GrantCase> findByIdAndApplicantUser(UUID id, String applicantUser);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from GrantCase c where c.id = ?1")
    Optional<GrantCase> lockById(UUID id);

    List<GrantCase> findByStatusIn(List<CaseStatus> statuses);

    List<GrantCase> findByRoundIdOrderByCreatedAt(UUID roundId);

    /** The cases whose case review runs on a process definition (a model version). */
    List<GrantCase> findByProcessDefinitionKeyOrderByCreatedAt(Long processDefinitionKey);

    /**
     * What a platform or project of an enterprise was granted in a measure by its other cases (for the measure's
     * cumulative cap, across applications and years): as {@link #grantedToEnterprise(String, String, UUID)}, among
     * the cases whose subject is the same (compared as {@code OverlapGroups.subjectKey}).
     */
    default BigDecimal grantedForSubject(String measureId, String creditCode, String subject, UUID exceptCase) {
        String key = cn.grants.domain.catalogue.OverlapGroups.subjectKey(subject);
        return findByCreditCodeOrderByCreatedAtAsc(creditCode).stream()
                .filter(c -> c.getMeasureId().equals(measureId) && !c.getId().equals(exceptCase))
                .filter(c -> c.getCalculatedAmount() != null)
                .filter(c -> key.equals(cn.grants.domain.catalogue.OverlapGroups.subjectKey(c.fundedSubject())))
                .map(c -> c.getCurrentStage().ended() ? c.getPaidAmount() : c.getCalculatedAmount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** An enterprise's applications across all measures, oldest first. */
    List<GrantCase> findByCreditCodeOrderByCreatedAtAsc(String creditCode);

    /**
     * Cases of a round still in review: submitted, not ended and not yet waiting for the batch decision (the stages of
     * {@link Stage.Phase#REVIEW}).
     */
    default long countInReview(UUID roundId) {
        return countAtStages(roundId, Stage.of(Stage.Phase.REVIEW));
    }

    /** Cases of a round at one of these stages. */
    @Query("select count(c) from GrantCase c where c.roundId = ?1 and c.currentStage in ?2")
    long countAtStages(UUID roundId, Collection<Stage> stages);

    /** How many cases run on each process definition: rows of (definition key, count). */
    @Query("select c.processDefinitionKey, count(c) from GrantCase c where c.processDefinitionKey is not null "
            + "group by c.processDefinitionKey")
    List<Object[]> countByProcessDefinition();

    /**
     * What an enterprise was granted in a measure by its other cases (for the per-enterprise cap): what a case still
     * running was calculated, what an ended case was paid (as {@code EnterpriseCaps} counts a case that ended).
     */
    default BigDecimal grantedToEnterprise(String measureId, String creditCode, UUID exceptCase) {
        return grantedToEnterprise(measureId, creditCode, exceptCase, Stage.where(Stage::ended));
    }

    /** As {@link #grantedToEnterprise(String, String, UUID)}, the cases at these stages counting what they were paid. */
    @Query("""
            select coalesce(sum(case when c.currentStage in ?4 then c.paidAmount else c.calculatedAmount end), 0)
            from GrantCase c
            where c.measureId = ?1 and c.creditCode = ?2 and c.id <> ?3 and c.calculatedAmount is not null
            """)
    BigDecimal grantedToEnterprise(String measureId, String creditCode, UUID exceptCase, Collection<Stage> ended);
}
