package cn.grants.workers;

import cn.grants.domain.operations.JobFailure;
import cn.grants.domain.operations.JobFailures;
import cn.grants.workers.tasks.UserTaskInboxWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What every worker does with a technical fault (any exception that is not a deliberate {@link CamundaError}: a BPMN
 * error for a business outcome, or a refusal that fails the job at once): the failure is recorded
 * ({@link JobFailures}, for the operations page) and the job is retried with exponential backoff
 * ({@code grants.workers.retry-backoff}, doubled per attempt up to {@code grants.workers.retry-backoff-max}). On the
 * last retry the job throws the BPMN error {@value #TECHNICAL_FAILURE} instead of failing, with
 * {@code technicalError}, {@code failedJobType} and {@code failureId}: the model catches it with a boundary event and
 * gives an officer the repair task (retry, or skip with the reason) instead of a silent incident. The workers stay
 * as they are: which steps can be repaired, and how, is in the models.
 *
 * <p>Jobs of the types in {@code grants.workers.keep-retrying} (default {@code notify-applicant}) run on intermediate
 * events, which cannot carry a boundary event: they are never given up. After the last retry they keep being retried
 * at the longest backoff, each attempt recorded, so the step is listed on the operations page (with its case, error
 * and since when) until its cause is fixed; it then goes on by itself. A notification cannot be skipped: the case's
 * stage and the applicant's notice are written by it.
 */
@Component
public class RepairOnLastRetry implements JobExceptionHandlingStrategy {

    public static final String TECHNICAL_FAILURE = "TECHNICAL_FAILURE";
    private static final Logger log = LoggerFactory.getLogger(RepairOnLastRetry.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JobExceptionHandlingStrategy fallback;
    private final JobFailures failures;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final String engineEpoch;
    private final Set<String> keepRetrying;

    @Autowired
    public RepairOnLastRetry(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics, JobFailures failures,
            @Value("${grants.workers.retry-backoff:PT10S}") Duration backoff,
            @Value("${grants.workers.retry-backoff-max:PT5M}") Duration maxBackoff,
            @Value("${grants.zeebe.epoch}") String engineEpoch,
            @Value("${grants.workers.keep-retrying:notify-applicant}") Set<String> keepRetrying) {
        this(new DefaultJobExceptionHandlingStrategy(commands, metrics), failures, backoff, maxBackoff, engineEpoch,
                keepRetrying);
    }

    RepairOnLastRetry(JobExceptionHandlingStrategy fallback, JobFailures failures, Duration backoff,
            Duration maxBackoff, String engineEpoch, Set<String> keepRetrying) {
        this.fallback = fallback;
        this.failures = failures;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.engineEpoch = engineEpoch;
        this.keepRetrying = Set.copyOf(keepRetrying);
    }

    @Override
    public void handleException(Exception exception, ExceptionHandlingContext context) throws Exception {
        fallback.handleException(translate(exception, context.job()), context);
    }

    /** The deliberate errors as thrown; a technical fault as a retry with backoff, or on the last retry the repair error. */
    Exception translate(Exception exception, ActivatedJob job) {
        if (exception instanceof CamundaError || UserTaskInboxWorker.JOB_TYPE.equals(job.getType())) {
            return exception;
        }
        String error = describe(exception);
        boolean kept = keepRetrying.contains(job.getType());
        boolean last = job.getRetries() <= 1 && !kept;
        JobFailure failure = record(job, error, last);
        int attempts = failure == null ? 1 : failure.getAttempts();
        if (last) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("technicalError", error);
            variables.put("failedJobType", job.getType());
            variables.put("failureId", failure == null ? null : failure.getId().toString());
            log.warn("{} failed on its last retry (element {}, process instance {}): {}; handed to the repair task",
                    job.getType(), job.getElementId(), job.getProcessInstanceKey(), error);
            return CamundaError.bpmnError(TECHNICAL_FAILURE, error, variables, exception);
        }
        if (kept && job.getRetries() <= 1) {
            log.warn("{} failed again (attempt {}, element {}, process instance {}): {}; retried in {}", job.getType(),
                    attempts, job.getElementId(), job.getProcessInstanceKey(), error, maxBackoff);
            return CamundaError.jobError(error, null, 1, maxBackoff, exception);
        }
        return CamundaError.jobError(error, null, job.getRetries() - 1, backoff(attempts), exception);
    }

    /** backoff × 2^(attempts − 1), at most the maximum. */
    Duration backoff(int attempts) {
        Duration wait = backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private JobFailure record(ActivatedJob job, String error, boolean last) {
        try {
            Map<String, Object> variables = job.getVariablesAsMap();
            return failures.record(new JobFailures.Failed(engineEpoch, job.getElementInstanceKey(),
                    job.getProcessInstanceKey(), uuid(variables.get("caseId")), uuid(variables.get("roundId")),
                    job.getType(), job.getElementId()), error, last);
        } catch (RuntimeException e) {
            // the failure is still retried or repaired; only its record is missing
            log.error("could not record the failure of job {} ({}): {}", job.getKey(), job.getType(), e.toString());
            return null;
        }
    }

    private static UUID uuid(Object raw) {
        try {
            return raw == null ? null : UUID.fromString(raw.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
