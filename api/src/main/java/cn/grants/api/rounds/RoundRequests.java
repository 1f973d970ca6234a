package cn.grants.api.rounds;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Request bodies of the round API. */
public final class RoundRequests {

    private RoundRequests() {
    }

    /**
     * @param budgets the year's budget per measure (yuan); a measure without one is not cut
     * @param windowOpens defaults to now
     * @param expertsPerCase defaults to {@code grants.lifecycle.experts-per-case}
     * @param passScore defaults to {@code grants.lifecycle.pass-score}
     */
    public record OpenRound(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty List<String> measures,
            OffsetDateTime windowOpens,
            @NotNull OffsetDateTime windowCloses,
            Integer year,
            Map<String, Object> budgets,
            Integer expertsPerCase,
            Object passScore) {
    }
}
