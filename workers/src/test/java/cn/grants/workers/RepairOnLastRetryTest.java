package cn.grants.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.grants.domain.operations.JobFailure;
import cn.grants.domain.operations.JobFailures;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker's technical fault is retried with backoff; its last retry throws the repair error instead of failing. */
class RepairOnLastRetryTest {

    static final String CASE = "00000000-0000-0000-0000-000000000001";
    static final UUID FAILURE = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

    final JobFailures failures = mock(JobFailures.class);
    final RepairOnLastRetry strategy = new RepairOnLastRetry(mock(JobExceptionHandlingStrategy.class), failures,
            Duration.ofSeconds(10), Duration.ofMinutes(5), "test-epoch", java.util.Set.of("notify-applicant"));

    ActivatedJob job(int retries, int attemptsSoFar) {
        return job("draw-expert", retries, attemptsSoFar);
    }

    ActivatedJob job(String type, int retries, int attemptsSoFar) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getType()).thenReturn(type);
        when(job.getRetries()).thenReturn(retries);
        when(job.getElementId()).thenReturn("ServiceTask_DrawExpert");
        when(job.getElementInstanceKey()).thenReturn(42L);
        when(job.getProcessInstanceKey()).thenReturn(7L);
        when(job.getVariablesAsMap()).thenReturn(Map.of("caseId", CASE));
        JobFailure failure = mock(JobFailure.class);
        when(failure.getId()).thenReturn(FAILURE);
        when(failure.getAttempts()).thenReturn(attemptsSoFar);
        when(failures.record(any(), any(), anyBoolean())).thenReturn(failure);
        return job;
    }

    @Test
    void shouldRetryATechnicalFaultWithBackoffAndRecordIt() {
        // given the second attempt of three fails
        ActivatedJob job = job(2, 2);

        // when
        Exception handled = strategy.translate(new IllegalStateException("connection refused"), job);

        // then the job fails with one retry less and a doubled backoff, the failure recorded
        assertThat(handled).isInstanceOf(JobError.class);
        JobError error = (JobError) handled;
        assertThat(error.getRetries()).isEqualTo(1);
        assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofSeconds(20));
        verify(failures).record(eq(new JobFailures.Failed("test-epoch", 42L, 7L, UUID.fromString(CASE), null,
                "draw-expert", "ServiceTask_DrawExpert")), eq("IllegalStateException: connection refused"), eq(false));
    }

    @Test
    void shouldThrowTheRepairErrorInsteadOfFailingOnTheLastRetry() {
        // given the last retry
        ActivatedJob job = job(1, 3);

        // when
        Exception handled = strategy.translate(new IllegalStateException("connection refused"), job);

        // then a BPMN error for the model's repair task, never a failure that would raise an incident
        assertThat(handled).isInstanceOf(BpmnError.class);
        BpmnError error = (BpmnError) handled;
        assertThat(error.getErrorCode()).isEqualTo("TECHNICAL_FAILURE");
        assertThat((Map<?, ?>) error.getVariables()).isEqualTo(Map.of("technicalError",
                "IllegalStateException: connection refused", "failedJobType", "draw-expert",
                "failureId", FAILURE.toString()));
        verify(failures).record(any(), eq("IllegalStateException: connection refused"), eq(true));
    }

    @Test
    void shouldKeepRetryingANotificationAtTheLongestBackoffInsteadOfGivingItUp() {
        // given a notification (an intermediate event: no boundary event can catch a repair error) on its last retry
        ActivatedJob job = job("notify-applicant", 1, 9);

        // when
        Exception handled = strategy.translate(new IllegalStateException("connection refused"), job);

        // then it is retried again, at the longest backoff, never thrown to an uncaught error or failed to an incident;
        // each attempt is recorded as retrying, for the operations page
        assertThat(handled).isInstanceOf(JobError.class);
        JobError error = (JobError) handled;
        assertThat(error.getRetries()).isEqualTo(1);
        assertThat(error.getRetryBackoff()).isEqualTo(Duration.ofMinutes(5));
        verify(failures).record(any(), eq("IllegalStateException: connection refused"), eq(false));
    }

    @Test
    void shouldLeaveDeliberateErrorsAndRefusalsAsThrown() {
        // given a business outcome and a refusal that fails the job at once
        ActivatedJob job = job(1, 1);
        Exception business = CamundaError.bpmnError("NOT_ELIGIBLE", "grants nothing");
        Exception refusal = CamundaError.jobError("refused", null, 0);

        // when / then
        assertThat(strategy.translate(business, job)).isSameAs(business);
        assertThat(strategy.translate(refusal, job)).isSameAs(refusal);
    }

    @Test
    void shouldDoubleTheBackoffPerAttemptUpToTheMaximum() {
        // given 10 s doubled per attempt, at most 5 minutes
        // when / then
        assertThat(strategy.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(strategy.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(strategy.backoff(12)).isEqualTo(Duration.ofMinutes(5));
    }
}
