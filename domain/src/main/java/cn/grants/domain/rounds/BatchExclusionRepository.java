package cn.grants.domain.rounds;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface BatchExclusionRepository extends JpaRepository<BatchExclusion, UUID> {

    List<BatchExclusion> findByRoundId(UUID roundId);

    /** Excluded cases of a round that are still in review (as {@code GrantCaseRepository#countInReview} counts). */
    @Query(value = """
            select count(*) from batch_exclusion x join grant_case c on c.id = x.case_id
            where x.round_id = ?1 and c.submitted_at is not null and c.status in ('IN_PROGRESS', 'RETURNED')
              and c.current_stage <> 'AWAITING_BATCH'
            """, nativeQuery = true)
    long countInReview(UUID roundId);
}
