package cn.grants.api.tasks.inbox;

import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.engine.EngineOutbox;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The inbox over job-based user tasks: the {@code UserTaskInboxWorker} (module workers) holds every
 * {@code io.camunda.zeebe:userTask} job as a row of {@code user_task}, once per (engine epoch, job key); completing a
 * task completes its job with the step's variables, through the engine outbox after the completion committed.
 */
@Component
public class JobWorkerTaskInbox implements TaskInbox {

    private final InboxTaskRepository tasks;
    private final EngineOutbox outbox;

    public JobWorkerTaskInbox(InboxTaskRepository tasks, EngineOutbox outbox) {
        this.tasks = tasks;
        this.outbox = outbox;
    }

    @Override
    public List<InboxTask> openFor(Collection<String> groups, String user) {
        return tasks.openFor(groups.isEmpty() ? Set.of("-") : groups, user);
    }

    @Override
    public org.springframework.data.domain.Page<InboxTask> openFor(Collection<String> groups, String user,
            Filter filter, org.springframework.data.domain.Pageable page) {
        return tasks.openFor(groups.isEmpty() ? Set.of("-") : groups, user,
                filter.caseId() == null ? null : filter.caseId().toString(),
                filter.roundId() == null ? null : filter.roundId().toString(), filter.taskType(), filter.form(),
                filter.measureId(), filter.createdBefore(), page);
    }

    @Override
    public Facets facetsFor(Collection<String> groups, String user) {
        List<InboxTaskRepository.FacetRow> rows = tasks.openFacetsFor(groups.isEmpty() ? Set.of("-") : groups, user);
        return new Facets(facets(rows, "step"), facets(rows, "round"), facets(rows, "measure"));
    }

    /** One facet's values, in order; tasks without a round or a case are no value of that facet. */
    private static List<Facet> facets(List<InboxTaskRepository.FacetRow> rows, String kind) {
        return rows.stream().filter(r -> kind.equals(r.getKind()) && r.getValue() != null)
                .map(r -> new Facet(r.getValue(), r.getLabel(), r.getCount())).toList();
    }

    @Override
    public List<InboxTask> openOfCases(java.util.Collection<UUID> caseIds) {
        return caseIds.isEmpty() ? List.of()
                : tasks.findByCaseIdInAndStatusOrderByCreatedAtAsc(caseIds, InboxTask.Status.OPEN);
    }

    @Override
    public List<InboxTask> ofCase(UUID caseId) {
        return tasks.findByCaseIdOrderByCreatedAtAsc(caseId);
    }

    @Override
    public Optional<InboxTask> find(UUID id) {
        return tasks.findById(id);
    }

    @Override
    public Optional<InboxTask> lock(UUID id) {
        return tasks.lockById(id);
    }

    @Override
    public EngineCommand completeInProcess(InboxTask task, Map<String, Object> processVariables) {
        return outbox.completeTask(task, processVariables);
    }
}
