package cn.grants.domain.calendar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * China's working days: Monday to Friday, less the public holidays, plus the adjusted working weekends (调休上班),
 * from one data file per year. A year without a file counts Monday to Friday only, and says so.
 */
public final class WorkingDayCalendar {

    /** One year's file. */
    public record Year(int year, String source, List<LocalDate> holidays, List<LocalDate> workdays) {
    }

    private final Map<Integer, Year> years = new HashMap<>();
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> workdays = new HashSet<>();

    public WorkingDayCalendar(List<Supplier<InputStream>> files) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        for (Supplier<InputStream> file : files) {
            try (InputStream in = file.get()) {
                Year year = yaml.readValue(in, Year.class);
                for (LocalDate d : year.holidays()) {
                    check(year, d);
                }
                for (LocalDate d : year.workdays()) {
                    check(year, d);
                }
                years.put(year.year(), year);
                holidays.addAll(year.holidays());
                workdays.addAll(year.workdays());
            } catch (IOException e) {
                throw new UncheckedIOException("invalid working-day calendar file", e);
            }
        }
    }

    private static void check(Year year, LocalDate day) {
        if (day.getYear() != year.year()) {
            throw new IllegalStateException("calendar " + year.year() + " lists " + day);
        }
    }

    public boolean knows(int year) {
        return years.containsKey(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The n-th working day after {@code start} (start itself does not count). */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
