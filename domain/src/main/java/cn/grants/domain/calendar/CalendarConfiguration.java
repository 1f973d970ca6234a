package cn.grants.domain.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Loads the working-day calendar files ({@code grants.calendar.location}, one YAML file per year). */
@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    @Bean
    WorkingDayCalendar workingDayCalendar(
            @Value("${grants.calendar.location:classpath*:calendar/*.yaml}") String location) throws IOException {
        List<Supplier<InputStream>> files = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources(location)) {
            files.add(() -> {
                try {
                    return r.getInputStream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return new WorkingDayCalendar(files);
    }
}
