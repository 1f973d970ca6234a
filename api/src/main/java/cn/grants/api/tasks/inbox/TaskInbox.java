package cn.grants.api.tasks.inbox;

import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.tasks.InboxTask;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The task inbox as the pages and the task handlers see it: the human steps of the processes, who may work them,
 * and handing a step's result back to the process. One adapter implements it today, {@link JobWorkerTaskInbox}
 * (job-based user tasks: the engine hands each user task out as an {@code io.camunda.zeebe:userTask} job that the
 * inbox holds, and completing the task completes the job). Camunda deprecates job-based user tasks and ends their
 * support after 8.10; an adapter for Camunda user tasks (the 8.8+ user task API, fed by task listeners) replaces
 * this one without touching the pages, {@code TaskService} or the controllers (docs/architecture.md, "Task inbox").
 */
public interface TaskInbox {

    /** Open tasks of any of the groups or assigned to the user, oldest first. */
    List<InboxTask> openFor(Collection<String> groups, String user);

    /** What a task list is filtered by, in the database (null: no filter). */
    record Filter(UUID caseId, UUID roundId, String taskType, String form, String measureId,
            java.time.Instant createdBefore) {

        public Filter(UUID caseId, UUID roundId, String taskType, String form) {
            this(caseId, roundId, taskType, form, null, null);
        }
    }

    /** What the caller's open tasks can be filtered by: steps (with names), rounds and measures, each with its count. */
    record Facets(List<Facet> steps, List<Facet> rounds, List<Facet> measures) {
    }

    /** A value to filter by, its label where it has one (a step's name), and the open tasks it has. */
    record Facet(String value, String label, long count) {
    }

    /** The facets of the open tasks of any of the groups or assigned to the user, counted in the database. */
    Facets facetsFor(Collection<String> groups, String user);

    /** A page of the open tasks of any of the groups or assigned to the user, filtered, oldest first. */
    org.springframework.data.domain.Page<InboxTask> openFor(Collection<String> groups, String user, Filter filter,
            org.springframework.data.domain.Pageable page);

    /** Every task of a case, open or done, oldest first. */
    List<InboxTask> ofCase(UUID caseId);

    /** The open tasks of many cases in one query (a list of cases reads them at once), oldest first. */
    List<InboxTask> openOfCases(Collection<UUID> caseIds);

    Optional<InboxTask> find(UUID id);

    /** The task, locked against every other change until the current transaction ends. */
    Optional<InboxTask> lock(UUID id);

    /**
     * Hands the result of a human step to the process that waits for it: recorded in the caller's transaction and
     * handed over once it committed (the engine outbox), so that the process and the database never disagree.
     *
     * @return the outbox command to send after the commit ({@code EngineCommandRelay#send})
     */
    EngineCommand completeInProcess(InboxTask task, Map<String, Object> processVariables);
}
