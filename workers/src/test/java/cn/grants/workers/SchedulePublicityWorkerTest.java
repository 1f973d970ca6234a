package cn.grants.workers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.calendar.WorkingDayCalendar;
import cn.grants.workers.rounds.SchedulePublicityWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class SchedulePublicityWorkerTest {

    static WorkingDayCalendar calendar() {
        return new WorkingDayCalendar(List.of(() -> {
            try {
                return new ClassPathResource("calendar/cn-2026.yaml").getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @Test
    void shouldEndSevenWorkingDaysLaterAtMidnightBeijingTimeAcrossNationalDay() {
        // given: publicity starts on Wednesday 2026-09-30, 10:00 Beijing time
        Clock clock = Clock.fixed(Instant.parse("2026-09-30T02:00:00Z"), ZoneOffset.UTC);
        SchedulePublicityWorker worker = new SchedulePublicityWorker(null, null, calendar(), clock, 7, Duration.ofMinutes(1));

        // when
        Instant ends = worker.ends();

        // then: the 7th working day is Thursday 2026-10-15 (10-10 is a 调休 working Saturday), so it ends at 10-16 00:00
        assertThat(ends).isEqualTo(Instant.parse("2026-10-15T16:00:00Z"));
    }

    @Test
    void shouldLastTheConfiguredDurationWithoutWorkingDays() {
        // given
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
        SchedulePublicityWorker worker = new SchedulePublicityWorker(null, null, calendar(), clock, 0, Duration.ofMinutes(1));

        // then
        assertThat(worker.ends()).isEqualTo(Instant.parse("2026-11-22T10:01:00Z"));
    }
}
