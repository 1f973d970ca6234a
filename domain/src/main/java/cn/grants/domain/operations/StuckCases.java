package cn.grants.domain.operations;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases that may hang unseen: submitted, not ended, in a stage entered longer ago than the threshold, not in a stage
 * that waits on a timer or on the round by design, and with no open task in the inbox (nobody is asked to act). A
 * case an officer excluded from its round's batch is not listed: it was seen.
 */
@Service
public class StuckCases {

    /** A case that has not moved: where it is and since when. */
    public record Stuck(UUID caseId, UUID roundId, String applicant, String projectTitle, String stage,
            String status, Instant since) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public StuckCases(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param after         how long a stage must have lasted
     * @param waitingStages stages that wait by design (a timer, the round's batch): never listed
     */
    @Transactional(readOnly = true)
    public List<Stuck> find(Duration after, Collection<String> waitingStages) {
        Instant before = clock.instant().minus(after);
        return jdbc.query("""
                select * from (
                  select c.id, c.round_id, c.applicant_name, c.project_title, c.current_stage, c.status,
                         coalesce((select max(t.at) from case_timeline t where t.case_id = c.id and t.event = 'ENTERED'
                                     and t.stage = c.current_stage), c.updated_at) as since
                  from grant_case c
                  where c.submitted_at is not null and c.status in ('IN_PROGRESS', 'RETURNED')
                    and c.current_stage not in (:waiting)
                    and not exists (select 1 from user_task u where u.case_id = c.id and u.status = 'OPEN')
                    and not exists (select 1 from batch_exclusion x where x.case_id = c.id)
                ) s where s.since < :before order by s.since
                """, Map.of("waiting", waitingStages.isEmpty() ? List.of("") : waitingStages,
                        "before", Timestamp.from(before)),
                (rs, i) -> new Stuck(rs.getObject("id", UUID.class), rs.getObject("round_id", UUID.class),
                        rs.getString("applicant_name"), rs.getString("project_title"), rs.getString("current_stage"),
                        rs.getString("status"), rs.getTimestamp("since").toInstant()));
    }
}
