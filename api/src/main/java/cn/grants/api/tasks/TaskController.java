package cn.grants.api.tasks;

import org.springframework.web.bind.annotation.RequestParam;

import cn.grants.api.tasks.inbox.TaskInbox;

import cn.grants.domain.cases.GrantCase;

import java.util.Map;

import cn.grants.api.engine.EngineCommandRelay;
import cn.grants.api.problems.ApiException;
import cn.grants.api.problems.RequestNumbers;
import cn.grants.domain.tasks.InboxTask;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
public class TaskController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskController.class);

    private final TaskService service;
    private final EngineCommandRelay engine;
    private final java.time.Clock clock;
    private final int bulkParallelism;

    public TaskController(TaskService service, EngineCommandRelay engine, java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${grants.tasks.bulk-parallelism:4}")
            int bulkParallelism) {
        this.service = service;
        this.engine = engine;
        this.clock = clock;
        this.bulkParallelism = bulkParallelism;
    }

    /**
     * Open tasks of the caller's groups, or assigned to the caller, oldest first, filtered and paged in the database:
     * {@code caseId}, {@code roundId}, {@code taskType} (the step), {@code form}, {@code measureId} (the case's
     * measure), {@code waitingHours} (open for at least that many hours); {@code page} (from 0) and
     * {@code size} (1–500) give a page, with the number of matching tasks in the header {@code X-Total-Count}.
     * Without them every matching task is listed.
     */
    @GetMapping
    public org.springframework.http.ResponseEntity<List<TaskView>> open(Authentication user,
            @RequestParam(required = false) String caseId, @RequestParam(required = false) String roundId,
            @RequestParam(required = false) String taskType, @RequestParam(required = false) String form,
            @RequestParam(required = false) String measureId, @RequestParam(required = false) String waitingHours,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        java.time.Instant createdBefore = waitingHours == null || waitingHours.isBlank() ? null
                : clock.instant().minus(java.time.Duration.ofHours(
                        RequestNumbers.of("waitingHours", waitingHours, 0, 0, 100_000)));
        TaskInbox.Filter filter = new TaskInbox.Filter(uuid("caseId", caseId), uuid("roundId", roundId),
                blankToNull(taskType), blankToNull(form), blankToNull(measureId), createdBefore);
        int pageNumber = RequestNumbers.of("page", page, 0, 0, 1_000_000);
        int pageSize = size == null ? (page == null ? Integer.MAX_VALUE : 100)
                : RequestNumbers.of("size", size, 100, 1, RequestNumbers.MAX_PAGE_SIZE);
        org.springframework.data.domain.Page<InboxTask> found = service.open(user, filter,
                pageSize == Integer.MAX_VALUE ? org.springframework.data.domain.Pageable.unpaged()
                        : org.springframework.data.domain.PageRequest.of(pageNumber, pageSize));
        List<InboxTask> open = found.getContent();
        Map<UUID, GrantCase> cases = service.casesOf(open); // one query for all their cases, not one per task
        return org.springframework.http.ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.getTotalElements()))
                .body(open.stream().map(t -> TaskView.of(t, t.getCaseId() == null ? null : cases.get(t.getCaseId())))
                        .toList());
    }

    /**
     * What the caller's open tasks can be filtered by, counted in the database: {@code steps} (taskType and its
     * bilingual name), {@code rounds} and {@code measures}, each {@code {value, label, count}}; the task page's filters.
     */
    @GetMapping("/facets")
    public TaskInbox.Facets facets(Authentication user) {
        return service.facets(user);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static UUID uuid(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " must be a UUID");
        }
    }

    @GetMapping("/{id}")
    public TaskView get(@PathVariable UUID id, Authentication user) {
        InboxTask task = service.visible(id, user);
        return TaskView.of(task, service.caseOf(task));
    }

    @PostMapping("/{id}/claim")
    public TaskView claim(@PathVariable UUID id, Authentication user) {
        return TaskView.of(service.claim(id, user, true));
    }

    @PostMapping("/{id}/unclaim")
    public TaskView unclaim(@PathVariable UUID id, Authentication user) {
        return TaskView.of(service.claim(id, user, false));
    }

    /**
     * Completes a task: 200 when the process took the outcome; 202 when the decision is recorded and the engine did
     * not answer yet (the outcome is handed over as soon as it does); 409 when the process no longer waited at the
     * step (a deadline or a cancellation ended it first: the task is closed as cancelled).
     */
    /** What to approve in one action: the tasks named, or every finance approval of the caller in a round. */
    public record BulkApproval(List<UUID> taskIds, UUID roundId) {
    }

    /** One task's outcome in a bulk approval: its HTTP status as if approved alone, and why when refused. */
    public record Approved(UUID taskId, UUID caseId, int status, String detail) {
    }

    public record BulkResult(int approved, int refused, List<Approved> results) {
    }

    /**
     * Finance approves many tranches in one action ("批准所选 / 批准本批次全部"): each task is approved as if alone
     * (its own transaction, its recorded approval, the finance approval routing, the second approver where the routing
     * asks), and one refused task does not stop the others. They are approved {@code grants.tasks.bulk-parallelism}
     * (4) at a time; the results keep the order of the tasks. Only finance approvals and second approvals; anything
     * else is a 400 naming it, before anything is approved.
     */
    @PostMapping("/approve")
    public BulkResult approve(@RequestBody BulkApproval request, Authentication user) {
        boolean byIds = request.taskIds() != null && !request.taskIds().isEmpty();
        if (byIds == (request.roundId() != null)) {
            throw ApiException.badRequest("taskIds", "name either taskIds (the tasks to approve) or roundId (every "
                    + "finance approval of yours in that round), not both and not neither");
        }
        List<InboxTask> chosen = new java.util.ArrayList<>();
        if (byIds) {
            if (request.taskIds().size() > 5000) {
                throw ApiException.badRequest("taskIds", "taskIds: at most 5000 tasks in one action");
            }
            for (int i = 0; i < request.taskIds().size(); i++) {
                UUID id = request.taskIds().get(i);
                InboxTask task;
                try {
                    task = service.visible(id, user);
                } catch (ApiException e) {
                    throw ApiException.badRequest("taskIds[" + i + "]", "taskIds[" + i + "]: task " + id
                            + " is not one of your open tasks");
                }
                if (!BULK_FORMS.contains(formOf(task))) {
                    throw ApiException.badRequest("taskIds[" + i + "]", "taskIds[" + i + "]: only finance approvals "
                            + "(forms " + BULK_FORMS + ") are approved in one action; task " + id + " is "
                            + task.getElementId());
                }
                chosen.add(task);
            }
        } else {
            for (String form : BULK_FORMS) {
                chosen.addAll(service.open(user, new TaskInbox.Filter(null, request.roundId(), null, form),
                        org.springframework.data.domain.Pageable.unpaged()).getContent());
            }
        }
        // each as if approved alone (its own transaction and hand-over to the engine), a few at a time: most of an
        // approval's time is the engine's answer, and the tasks are of different cases
        List<Approved> results = Parallel.map(chosen, bulkParallelism, task -> approveOne(task, user));
        int approved = (int) results.stream().filter(r -> r.status() / 100 == 2).count();
        return new BulkResult(approved, results.size() - approved, results);
    }

    private Approved approveOne(InboxTask task, Authentication user) {
        try {
            ResponseEntity<TaskView> done = complete(task.getId(), new CompleteTask("APPROVE", null, null), user);
            return new Approved(task.getId(), task.getCaseId(), done.getStatusCode().value(), null);
        } catch (ApiException e) {
            return new Approved(task.getId(), task.getCaseId(), e.status().value(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("bulk approval of task {} failed", task.getId(), e);
            return new Approved(task.getId(), task.getCaseId(), 500, "not approved: " + e.getMessage());
        }
    }

    static final List<String> BULK_FORMS = List.of("finance-approval", "second-approval");

    private static String formOf(InboxTask task) {
        Object form = task.getDetails() == null ? null : task.getDetails().get("form");
        return form == null ? null : form.toString();
    }

    @PostMapping("/{id}/complete")
    public ResponseEntity<TaskView> complete(@PathVariable UUID id, @Valid @RequestBody CompleteTask request,
            Authentication user) {
        TaskService.Completion done = service.complete(id, request, user);
        return switch (engine.send(done.engineCommand())) {
            case APPLIED -> ResponseEntity.ok(TaskView.of(done.task()));
            case GONE -> throw ApiException.conflict("task " + id + ": the process no longer waited at this step when "
                    + "your decision reached it (a deadline or a cancellation ended the step first); the task is closed");
            case PENDING, ATTENTION -> ResponseEntity.accepted().body(TaskView.of(done.task()));
        };
    }
}
