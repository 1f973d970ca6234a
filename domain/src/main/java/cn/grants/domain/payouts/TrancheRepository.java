package cn.grants.domain.payouts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TrancheRepository extends JpaRepository<Tranche, Long> {

    List<Tranche> findByCaseIdOrderByNumber(UUID caseId);

    List<Tranche> findByCaseIdInOrderByNumber(java.util.Collection<UUID> caseIds);

    Optional<Tranche> findByCaseIdAndNumber(UUID caseId, int number);
}
