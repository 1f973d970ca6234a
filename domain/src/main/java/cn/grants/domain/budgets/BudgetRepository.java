package cn.grants.domain.budgets;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface BudgetRepository extends JpaRepository<Budget, Long> {

    Optional<Budget> findByProgrammeAndYear(String programme, int year);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from Budget b where b.programme = ?1 and b.year = ?2")
    Optional<Budget> lock(String programme, int year);

    List<Budget> findAllByOrderByYearDescProgrammeAsc();

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from Budget b where b.id = ?1")
    Optional<Budget> lockById(Long id);
}
