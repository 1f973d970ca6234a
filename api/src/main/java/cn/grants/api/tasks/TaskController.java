package cn.grants.api.tasks;

import cn.grants.domain.tasks.InboxTask;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
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

    public TaskController(TaskService service) {
        this.service = service;
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

    @PostMapping("/{id}/complete")
    public TaskView complete(@PathVariable UUID id, @Valid @RequestBody CompleteTask request, Authentication user) {
        return TaskView.of(service.complete(id, request, user));
    }
}
