package cn.grants.workers.rounds;

import cn.grants.domain.calendar.WorkingDayCalendar;
import cn.grants.domain.rounds.BatchDecisionService;
import cn.grants.domain.rounds.FundingRound;
import cn.grants.domain.rounds.FundingRoundRepository;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code schedule-publicity}: when the batch publicity (公示) of a round ends. By default it lasts
 * {@code grants.lifecycle.publicity-working-days} working days (7) on the working-day calendar, ending at the close
 * of the last one (Beijing time); with 0 working days it lasts {@code grants.lifecycle.publicity-duration} (the
 * embedded demo's one minute). The end goes to the case ("by when") and to the model's timer.
 */
@Component
public class SchedulePublicityWorker {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final FundingRoundRepository rounds;
    private final BatchDecisionService decisions;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final int workingDays;
    private final Duration duration;

    public SchedulePublicityWorker(FundingRoundRepository rounds, BatchDecisionService decisions,
            WorkingDayCalendar calendar, Clock clock,
            @Value("${grants.lifecycle.publicity-working-days:7}") int workingDays,
            @Value("${grants.lifecycle.publicity-duration:PT1M}") Duration duration) {
        this.rounds = rounds;
        this.decisions = decisions;
        this.calendar = calendar;
        this.clock = clock;
        this.workingDays = workingDays;
        this.duration = duration;
    }

    /** The round's inputs: which round and which of its cases are listed. */
    public record Batch(String roundId, List<String> listedCases) {
    }

    /** The batch publicity of a round: one end for the round and every listed case. */
    @JobWorker(type = "schedule-publicity", fetchVariables = {"roundId", "listedCases"})
    @Transactional
    public Map<String, Object> schedulePublicity(@VariablesAsType Batch batch) {
        UUID roundId = UUID.fromString(batch.roundId());
        Instant ends = rounds.findById(roundId).map(FundingRound::getPublicityEnds).orElse(null);
        if (ends == null) {
            ends = ends();
        }
        rounds.flush();
        decisions.publicity(roundId, batch.listedCases().stream().map(UUID::fromString).toList(), ends);
        return Map.of("publicityEnds", ZonedDateTime.ofInstant(ends, BEIJING).toOffsetDateTime().toString());
    }

    /** The end of the publicity that starts now. */
    public Instant ends() {
        Instant now = clock.instant();
        if (workingDays <= 0) {
            return now.plus(duration);
        }
        LocalDate today = LocalDate.ofInstant(now, BEIJING);
        LocalDate lastDay = calendar.addWorkingDays(today, workingDays);
        return lastDay.plusDays(1).atStartOfDay(BEIJING).toInstant();
    }
}
