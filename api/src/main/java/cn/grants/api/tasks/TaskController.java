package cn.grants.api.tasks;

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

    /** Open tasks of the caller's groups, or assigned to the caller. */
    @GetMapping
    public List<TaskView> open(Authentication user) {
        return service.open(user).stream().map(t -> TaskView.of(t, service.caseOf(t))).toList();
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
