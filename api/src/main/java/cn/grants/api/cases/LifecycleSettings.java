package cn.grants.api.cases;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings handed to each new case's process instance: {@code grants.lifecycle.*}.
 *
 * @param processId the BPMN process id a submission starts
 * @param passScore the expert score a case needs to pass review
 * @param correctionPeriod how long an applicant has to correct a returned application
 */
@ConfigurationProperties("grants.lifecycle")
public record LifecycleSettings(String processId, int passScore, Period correctionPeriod) {
}
