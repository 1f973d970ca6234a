package cn.grants.domain.budgets;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CommitmentRepository extends JpaRepository<Commitment, Long> {

    Optional<Commitment> findByBudgetIdAndCaseId(Long budgetId, UUID caseId);

    List<Commitment> findByCaseId(UUID caseId);

    /** The commitments of these cases against one budget (a batch reads them a thousand cases at a time). */
    List<Commitment> findByBudgetIdAndCaseIdIn(Long budgetId, java.util.Collection<UUID> caseIds);

    List<Commitment> findByCaseIdIn(java.util.Collection<UUID> caseIds);

    List<Commitment> findByBudgetIdOrderByIdAsc(Long budgetId);

    /** The budgets a case has commitments against, in lock order (by id). */
    @Query("select distinct c.budgetId from Commitment c where c.caseId = ?1 order by c.budgetId")
    List<Long> budgetIdsOfCase(UUID caseId);

    /**
     * What was paid to a case: the sum of its payment instructions, as PostgreSQL records them (read here by SQL:
     * the payouts depend on the budgets, not the other way round).
     */
    @Query(value = "select coalesce(sum(amount), 0) from payout where case_id = ?1", nativeQuery = true)
    BigDecimal paidToCase(UUID caseId);
}
