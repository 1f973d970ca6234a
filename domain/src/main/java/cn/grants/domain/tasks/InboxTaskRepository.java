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
     * by case, by round, by step (element id) and by form (the task header {@code form}); a null filter is no filter.
     */
    @Query(value = """
            select * from user_task t where t.status = 'OPEN'
              and (t.candidate_group in (:groups) or t.assignee = :user)
              and (cast(:caseId as uuid) is null or t.case_id = cast(:caseId as uuid))
              and (cast(:roundId as uuid) is null or t.round_id = cast(:roundId as uuid))
              and (cast(:taskType as text) is null or t.element_id = cast(:taskType as text))
              and (cast(:form as text) is null or t.details ->> 'form' = cast(:form as text))
            order by t.created_at asc, t.id asc
            """, countQuery = """
            select count(*) from user_task t where t.status = 'OPEN'
              and (t.candidate_group in (:groups) or t.assignee = :user)
              and (cast(:caseId as uuid) is null or t.case_id = cast(:caseId as uuid))
              and (cast(:roundId as uuid) is null or t.round_id = cast(:roundId as uuid))
              and (cast(:taskType as text) is null or t.element_id = cast(:taskType as text))
              and (cast(:form as text) is null or t.details ->> 'form' = cast(:form as text))
            """, nativeQuery = true)
    org.springframework.data.domain.Page<InboxTask> openFor(
            @org.springframework.data.repository.query.Param("groups") Collection<String> groups,
            @org.springframework.data.repository.query.Param("user") String user,
            @org.springframework.data.repository.query.Param("caseId") String caseId,
            @org.springframework.data.repository.query.Param("roundId") String roundId,
            @org.springframework.data.repository.query.Param("taskType") String taskType,
            @org.springframework.data.repository.query.Param("form") String form,
            org.springframework.data.domain.Pageable page);

    List<InboxTask> findByCaseIdOrderByCreatedAtAsc(UUID caseId);

    List<InboxTask> findByStatus(InboxTask.Status status);

    List<InboxTask> findByCaseIdAndStatus(UUID caseId, InboxTask.Status status);

    List<InboxTask> findByCaseIdInAndStatusOrderByCreatedAtAsc(java.util.Collection<UUID> caseIds, InboxTask.Status status);
}
