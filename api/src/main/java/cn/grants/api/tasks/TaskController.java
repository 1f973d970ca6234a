package cn.grants.api.tasks;

import org.springframework.web.bind.annotation.RequestParam;

import cn.grants.api.tasks.inbox.TaskInbox;

import cn.grants.domain.cases.GrantCase;

import java.util.Map;

import cn.grants.api.engine.EngineCommandRelay;
import cn.grants.api.problems.ApiException;
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

    private final TaskService service;
    private final EngineCommandRelay engine;

    public TaskController(TaskService service, EngineCommandRelay engine) {
        this.service = service;
        this.engine = engine;
    }

    /**
     * Open tasks of the caller's groups, or assigned to the caller, oldest first, filtered and paged in the database:
     * {@code caseId}, {@code roundId}, {@code taskType} (the step), {@code form}; {@code page} (from 0) and
     * {@code size} (1–500) give a page, with the number of matching tasks in the header {@code X-Total-Count}.
     * Without them every matching task is listed.
     */
    @GetMapping
    public org.springframework.http.ResponseEntity<List<TaskView>> open(Authentication user,
            @RequestParam(required = false) String caseId, @RequestParam(required = false) String roundId,
            @RequestParam(required = false) String taskType, @RequestParam(required = false) String form,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        TaskInbox.Filter filter = new TaskInbox.Filter(uuid("caseId", caseId), uuid("roundId", roundId),
                blankToNull(taskType), blankToNull(form));
        int pageNumber = page == null ? 0 : number("page", page, 0, 1_000_000);
        int pageSize = size == null ? (page == null ? Integer.MAX_VALUE : 100) : number("size", size, 1, 500);
        org.springframework.data.domain.Page<InboxTask> found = service.open(user, filter,
                pageSize == Integer.MAX_VALUE ? org.springframework.data.domain.Pageable.unpaged()
                        : org.springframework.data.domain.PageRequest.of(pageNumber, pageSize));
        List<InboxTask> open = found.getContent();
        Map<UUID, GrantCase> cases = service.casesOf(open); // one query for all their cases, not one per task
        return org.springframework.http.ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.getTotalElements()))
                .body(open.stream().map(t -> TaskView.of(t, t.getCaseId() == null ? null : cases.get(t.getCaseId())))
                        .toList());
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

    private static int number(String field, String raw, int min, int max) {
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(field, field + " must be a whole number from " + min + " to " + max);
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
