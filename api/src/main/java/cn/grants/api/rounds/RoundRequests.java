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
     * @param budgets the year's budget per measure (yuan); every measure needs one (here or set for the year
     *     before) unless it is in {@code unlimited}
     * @param unlimited the measures an officer decides not to limit by a budget (not cut), with
     *     {@code unlimitedReason}; recorded on the round
     * @param windowOpens defaults to now
     * @param expertsPerCase defaults to {@code grants.lifecycle.experts-per-case}
     * @param passScore defaults to {@code grants.lifecycle.pass-score}
     * @param stages how the round pays its staged measures (里程碑式 / 赛马式), by measure:
     *     {@code {"method": "RACE"|"MILESTONE", "shares": ["0.40", "0.30", "0.30"]}}; a staged measure without one is
     *     paid in one tranche in this round
     */
    public record OpenRound(
            @NotBlank @Size(max = 200) String name,
            @NotEmpty List<String> measures,
            OffsetDateTime windowOpens,
            @NotNull OffsetDateTime windowCloses,
            Integer year,
            Map<String, Object> budgets,
            List<String> unlimited,
            String unlimitedReason,
            Object expertsPerCase,
            Object passScore,
            Map<String, Object> stages) {

        public OpenRound(String name, List<String> measures, OffsetDateTime windowOpens, OffsetDateTime windowCloses,
                Integer year, Map<String, Object> budgets, List<String> unlimited, String unlimitedReason,
                Object expertsPerCase, Object passScore) {
            this(name, measures, windowOpens, windowCloses, year, budgets, unlimited, unlimitedReason, expertsPerCase,
                    passScore, null);
        }
    }
}
