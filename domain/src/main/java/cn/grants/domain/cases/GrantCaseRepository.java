package cn.grants.domain.cases;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
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

    /** Cases of a round still in review: submitted, not ended and not yet waiting for the batch decision. */
    @Query("""
            select count(c) from GrantCase c where c.roundId = ?1 and c.submittedAt is not null
              and c.status in (cn.grants.domain.cases.CaseStatus.IN_PROGRESS, cn.grants.domain.cases.CaseStatus.RETURNED)
              and c.currentStage <> 'AWAITING_BATCH'
            """)
    long countInReview(UUID roundId);

    /** How many cases run on each process definition: rows of (definition key, count). */
    @Query("select c.processDefinitionKey, count(c) from GrantCase c where c.processDefinitionKey is not null "
            + "group by c.processDefinitionKey")
    List<Object[]> countByProcessDefinition();

    /** What an enterprise was granted in a measure by its other cases (for the per-enterprise cap). */
    @Query("""
            select coalesce(sum(c.calculatedAmount), 0) from GrantCase c
            where c.measureId = ?1 and c.creditCode = ?2 and c.id <> ?3 and c.calculatedAmount is not null
              and c.status not in (cn.grants.domain.cases.CaseStatus.REJECTED, cn.grants.domain.cases.CaseStatus.LAPSED)
            """)
    BigDecimal grantedToEnterprise(String measureId, String creditCode, UUID exceptCase);
}
