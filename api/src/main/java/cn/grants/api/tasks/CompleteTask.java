package cn.grants.api.tasks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** {@code POST /api/tasks/{id}/complete}: the outcome, a comment (the reason, for a rejection) and form values. */
public record CompleteTask(@NotBlank String outcome, @Size(max = 4000) String comment, Map<String, Object> variables) {
}
