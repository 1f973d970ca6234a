package cn.grants.domain.budgets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CommitmentRepository extends JpaRepository<Commitment, Long> {

    Optional<Commitment> findByBudgetIdAndCaseId(Long budgetId, UUID caseId);

    List<Commitment> findByCaseId(UUID caseId);

    List<Commitment> findByBudgetIdOrderByIdAsc(Long budgetId);
}
