package cn.grants.api.cases;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings handed to each new round's process instance (and from it to its cases): {@code grants.lifecycle.*}.
 *
 * @param passScore the aggregated expert score a case needs to pass review, unless the round sets its own
 * @param correctionPeriod how long an applicant has to correct a returned application
 * @param expertResponsePeriod how long a drawn expert has to score before the slot is drawn again
 * @param reviewPoll how often a round whose window closed checks whether every case has left review
 * @param expertsPerCase experts drawn per case, unless the round sets its own
 */
@ConfigurationProperties("grants.lifecycle")
public record LifecycleSettings(int passScore, Period correctionPeriod,
        Duration expertResponsePeriod, Duration reviewPoll, int expertsPerCase) {
}
