package cn.grants.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    static Supplier<InputStream> file(String name) {
        return () -> {
            try {
                return Files.newInputStream(Path.of("src/main/resources/calendar", name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    final WorkingDayCalendar calendar = new WorkingDayCalendar(List.of(file("cn-2025.yaml"), file("cn-2026.yaml")));

    @Test
    void shouldCountSevenWorkingDaysOverAPlainWeek() {
        // 2026-11-20 is a Friday: seven working days end on Tuesday 2026-12-01
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 20), 7)).isEqualTo(LocalDate.of(2026, 12, 1));
    }

    @Test
    void shouldSkipTheNationalDayHolidayAndCountTheAdjustedSaturday() {
        // from Wednesday 2026-09-30: 10-01..07 holidays, 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班), 10-12..15
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 30), 7)).isEqualTo(LocalDate.of(2026, 10, 15));
    }

    @Test
    void shouldSkipTheSpringFestival() {
        // from Friday 2026-02-13: 02-14 Sat (调休上班) counts, 02-15..23 holiday, then 02-24..27, 02-28 Sat (调休上班)
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 13), 7)).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void shouldFallBackToMondayToFridayForAYearWithoutAFile() {
        assertThat(calendar.knows(2027)).isFalse();
        assertThat(calendar.addWorkingDays(LocalDate.of(2027, 3, 5), 7)).isEqualTo(LocalDate.of(2027, 3, 16));
    }
}
