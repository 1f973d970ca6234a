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

    /** Locks many cases in one statement, in the database's order of their ids (a batch decides them together). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from GrantCase c where c.id in ?1 order by c.id")
    List<GrantCase> lockAllById(java.util.Collection<UUID> ids);

    /**
     * Many cases by id in one statement (the cases of a page of tasks). The ids go as one array parameter
     * ({@code = any}), not an IN list as {@code findAllById} builds: one statement text whatever their number, so
     * Hibernate keeps its plan instead of translating the query again for every list length.
     */
    @Query(value = "select c.* from grant_case c where c.id = any(cast(?1 as uuid[]))", nativeQuery = true)
    List<GrantCase> findAllByIds(UUID[] ids);

    /** The applications of many enterprises (a batch checks double funding for all of its cases at once). */
    List<GrantCase> findByCreditCodeIn(java.util.Collection<String> creditCodes);

    List<GrantCase> findByStatusIn(List<CaseStatus> statuses);

    List<GrantCase> findByRoundIdOrderByCreatedAt(UUID roundId);

    /**
     * A page of cases, newest first, filtered in the database (a null filter is no filter): whose applicant, on whose
     * expert panel (assigned or scored), by status, stage, round and measure.
     */
    @Query(value = """
            select * from grant_case c where (cast(:applicant as text) is null or c.applicant_user = cast(:applicant as text))
              and (cast(:expert as text) is null or exists (select 1 from expert_draw d where d.case_id = c.id
                   and d.expert_user = cast(:expert as text) and d.status in ('ASSIGNED', 'SCORED')))
              and (cast(:status as text) is null or c.status = cast(:status as text))
              and (cast(:stage as text) is null or c.current_stage = cast(:stage as text))
              and (cast(:roundId as uuid) is null or c.round_id = cast(:roundId as uuid))
              and (cast(:measureId as text) is null or c.measure_id = cast(:measureId as text))
            order by c.created_at desc, c.id
            """, countQuery = """
            select count(*) from grant_case c where (cast(:applicant as text) is null or c.applicant_user = cast(:applicant as text))
              and (cast(:expert as text) is null or exists (select 1 from expert_draw d where d.case_id = c.id
                   and d.expert_user = cast(:expert as text) and d.status in ('ASSIGNED', 'SCORED')))
              and (cast(:status as text) is null or c.status = cast(:status as text))
              and (cast(:stage as text) is null or c.current_stage = cast(:stage as text))
              and (cast(:roundId as uuid) is null or c.round_id = cast(:roundId as uuid))
              and (cast(:measureId as text) is null or c.measure_id = cast(:measureId as text))
            """, nativeQuery = true)
    org.springframework.data.domain.Page<GrantCase> search(
            @org.springframework.data.repository.query.Param("applicant") String applicant,
            @org.springframework.data.repository.query.Param("expert") String expert,
            @org.springframework.data.repository.query.Param("status") String status,
            @org.springframework.data.repository.query.Param("stage") String stage,
            @org.springframework.data.repository.query.Param("roundId") String roundId,
            @org.springframework.data.repository.query.Param("measureId") String measureId,
            org.springframework.data.domain.Pageable page);

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
