package cn.grants.workers.publicity;

import cn.grants.domain.calendar.WorkingDayCalendar;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code schedule-publicity}: when the publicity (公示) of a case ends. By default it lasts
 * {@code grants.lifecycle.publicity-working-days} working days (7) on the working-day calendar, ending at the close
 * of the last one (Beijing time); with 0 working days it lasts {@code grants.lifecycle.publicity-duration} (the
 * embedded demo's one minute). The end goes to the case ("by when") and to the model's timer.
 */
@Component
public class SchedulePublicityWorker {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final GrantCaseRepository cases;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final int workingDays;
    private final Duration duration;

    public SchedulePublicityWorker(GrantCaseRepository cases, WorkingDayCalendar calendar, Clock clock,
            @Value("${grants.lifecycle.publicity-working-days:7}") int workingDays,
            @Value("${grants.lifecycle.publicity-duration:PT1M}") Duration duration) {
        this.cases = cases;
        this.calendar = calendar;
        this.clock = clock;
        this.workingDays = workingDays;
        this.duration = duration;
    }

    @JobWorker(type = "schedule-publicity", fetchVariables = "caseId")
    @Transactional
    public Map<String, Object> schedulePublicity(@Variable String caseId) {
        GrantCase grantCase = cases.lockById(UUID.fromString(caseId))
                .orElseThrow(() -> new NoSuchElementException("no case " + caseId));
        Instant ends = ends();
        grantCase.publicityScheduled(ends, clock.instant());
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
