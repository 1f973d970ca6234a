package cn.grants.api.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the case API. */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record CreateCase(
            @NotBlank String measureId,
            @NotNull @Valid Applicant applicant,
            @NotNull @Valid Project project,
            Map<String, Object> inputs) {
    }

    public record Applicant(@NotBlank @Size(max = 200) String name, @NotBlank String creditCode) {
    }

    public record Project(@NotBlank @Size(max = 300) String title) {
    }
}
