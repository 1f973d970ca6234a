package cn.grants.domain.tasks;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface InboxTaskRepository extends JpaRepository<InboxTask, UUID> {

    /**
     * Holds a user-task job in the inbox, once per job key: when the engine hands the same job out again (its
     * timeout passed, or a second worker instance fetched it) the existing task is kept and only counted.
     */
    @Modifying
    @Query(value = """
            insert into user_task (id, engine_epoch, job_key, case_id, process_instance_key, element_id, name,
                                   candidate_group, assignee, outcomes, status, created_at, round_id, details)
            values (?1, ?11, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'OPEN', ?10, ?12, cast(?13 as jsonb))
            on conflict (engine_epoch, job_key) do update set activations = user_task.activations + 1
            """, nativeQuery = true)
    int hold(UUID id, long jobKey, UUID caseId, long processInstanceKey, String elementId, String name,
            String candidateGroup, String assignee, String outcomes, Instant createdAt, String engineEpoch,
            UUID roundId, String detailsJson);

    List<InboxTask> findByRoundIdAndStatus(UUID roundId, InboxTask.Status status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from InboxTask t where t.id = ?1")
    Optional<InboxTask> lockById(UUID id);

    @Query("""
            select t from InboxTask t where t.status = cn.grants.domain.tasks.InboxTask.Status.OPEN
              and (t.candidateGroup in ?1 or t.assignee = ?2) order by t.createdAt asc
            """)
    List<InboxTask> openFor(Collection<String> groups, String user);

    /**
     * A page of the open tasks of any of the groups or assigned to the user, oldest first, filtered in the database:
     * by case, by round, by step (element id), by form (the task header {@code form}), by the case's measure and by
     * waiting since at least {@code createdBefore}; a null filter is no filter.
     */
    @Query(value = """
            select * from user_task t where t.status = 'OPEN'
              and (t.candidate_group in (:groups) or t.assignee = :user)
              and (cast(:caseId as uuid) is null or t.case_id = cast(:caseId as uuid))
              and (cast(:roundId as uuid) is null or t.round_id = cast(:roundId as uuid))
              and (cast(:taskType as text) is null or t.element_id = cast(:taskType as text))
              and (cast(:form as text) is null or t.details ->> 'form' = cast(:form as text))
              and (cast(:measureId as text) is null or exists (select 1 from grant_case c
                   where c.id = t.case_id and c.measure_id = cast(:measureId as text)))
              and (cast(:createdBefore as timestamptz) is null or t.created_at <= cast(:createdBefore as timestamptz))
            order by t.created_at asc, t.id asc
            """, countQuery = """
            select count(*) from user_task t where t.status = 'OPEN'
              and (t.candidate_group in (:groups) or t.assignee = :user)
              and (cast(:caseId as uuid) is null or t.case_id = cast(:caseId as uuid))
              and (cast(:roundId as uuid) is null or t.round_id = cast(:roundId as uuid))
              and (cast(:taskType as text) is null or t.element_id = cast(:taskType as text))
              and (cast(:form as text) is null or t.details ->> 'form' = cast(:form as text))
              and (cast(:measureId as text) is null or exists (select 1 from grant_case c
                   where c.id = t.case_id and c.measure_id = cast(:measureId as text)))
              and (cast(:createdBefore as timestamptz) is null or t.created_at <= cast(:createdBefore as timestamptz))
            """, nativeQuery = true)
    org.springframework.data.domain.Page<InboxTask> openFor(
            @org.springframework.data.repository.query.Param("groups") Collection<String> groups,
            @org.springframework.data.repository.query.Param("user") String user,
            @org.springframework.data.repository.query.Param("caseId") String caseId,
            @org.springframework.data.repository.query.Param("roundId") String roundId,
            @org.springframework.data.repository.query.Param("taskType") String taskType,
            @org.springframework.data.repository.query.Param("form") String form,
            @org.springframework.data.repository.query.Param("measureId") String measureId,
            @org.springframework.data.repository.query.Param("createdBefore") java.time.Instant createdBefore,
            org.springframework.data.domain.Pageable page);

    /** A facet of a task list: a value (step, round or measure), a label where it has one, and its open tasks. */
    interface Facet {
        String getValue();

        String getLabel();

        long getCount();
    }

    /** A facet row: which facet ({@code step}, {@code round}, {@code measure}), its value, label and open tasks. */
    interface FacetRow extends Facet {
        String getKind();
    }

    /**
     * The steps (with their names), rounds and measures (of the tasks' cases) of the open tasks of any of the groups
     * or assigned to the user, each with its count: one scan of the tasks for the three (grouping sets), ordered by
     * facet and value. A task without a round or a case gives a row with a null value for that facet.
     */
    @Query(value = """
            select case when grouping(t.element_id) = 0 then 'step'
                        when grouping(t.round_id) = 0 then 'round' else 'measure' end as kind,
                   case when grouping(t.element_id) = 0 then t.element_id
                        when grouping(t.round_id) = 0 then cast(t.round_id as text) else c.measure_id end as value,
                   case when grouping(t.element_id) = 0 then min(t.name) end as label,
                   count(*) as count
            from user_task t left join grant_case c on c.id = t.case_id
            where t.status = 'OPEN' and (t.candidate_group in (:groups) or t.assignee = :user)
            group by grouping sets ((t.element_id), (t.round_id), (c.measure_id))
            order by 1, 2
            """, nativeQuery = true)
    List<FacetRow> openFacetsFor(@org.springframework.data.repository.query.Param("groups") Collection<String> groups,
            @org.springframework.data.repository.query.Param("user") String user);

    List<InboxTask> findByCaseIdOrderByCreatedAtAsc(UUID caseId);

    List<InboxTask> findByStatus(InboxTask.Status status);

    List<InboxTask> findByCaseIdAndStatus(UUID caseId, InboxTask.Status status);

    /**
     * The tasks of many cases in a status, oldest first, in one statement; the ids go as one array parameter
     * ({@code = any}), not an IN list, so Hibernate keeps the statement's plan whatever their number.
     */
    default List<InboxTask> findByCaseIdInAndStatusOrderByCreatedAtAsc(java.util.Collection<UUID> caseIds,
            InboxTask.Status status) {
        return ofCases(caseIds.toArray(UUID[]::new), status.name());
    }

    @Query(value = """
            select t.* from user_task t where t.case_id = any(cast(?1 as uuid[])) and t.status = ?2
            order by t.created_at
            """, nativeQuery = true)
    List<InboxTask> ofCases(UUID[] caseIds, String status);
}
