package cn.grants.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import cn.grants.domain.operations.JobFailures;
import cn.grants.workers.tasks.UserTaskInboxWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.jobhandling.result.ResultProcessor;
import io.camunda.client.jobhandling.result.ResultProcessorContext;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step that succeeds after failing is no longer listed as failing; its result is processed as by default. */
class ClearFailureOnSuccessTest {

    final JobFailures failures = mock(JobFailures.class);
    final ResultProcessorStrategy defaults = new ResultProcessorStrategy() {
        @Override
        public ResultProcessor createProcessor(MethodInfo method) {
            return new ResultProcessor() {
                @Override
                public Object process(Object result) {
                    return Map.of("processed", result);
                }
            };
        }
    };
    final ClearFailureOnSuccess strategy = new ClearFailureOnSuccess(defaults, failures, "test-epoch");

    ActivatedJob job(String type) {
        ActivatedJob job = mock(ActivatedJob.class);
        when(job.getType()).thenReturn(type);
        when(job.getElementInstanceKey()).thenReturn(42L);
        return job;
    }

    @Test
    void shouldResolveTheStepsFailureWhenItsHandlerSucceedsAndKeepTheResult() {
        // given a worker whose earlier attempt failed
        ActivatedJob job = job("plan-batch");

        // when its handler returns
        Object result = strategy.createProcessor(mock(MethodInfo.class))
                .process(new ResultProcessorContext(Map.of("oversubscribed", false), job));

        // then the result is processed as by default and the failure of that element instance resolved
        assertThat(result).isEqualTo(Map.of("processed", Map.of("oversubscribed", false)));
        verify(failures).succeeded("test-epoch", 42L);
    }

    @Test
    void shouldLeaveUserTaskJobsAndTheResultAloneWhenTheRecordCannotBeCleared() {
        // given
        when(failures.succeeded(anyString(), anyLong())).thenThrow(new IllegalStateException("database away"));
        ResultProcessor processor = strategy.createProcessor(mock(MethodInfo.class));

        // when / then: the inbox's user-task jobs are not steps; a failed clearing never fails the job
        processor.process(new ResultProcessorContext("captured", job(UserTaskInboxWorker.JOB_TYPE)));
        verify(failures, never()).succeeded(anyString(), anyLong());
        assertThat(processor.process(new ResultProcessorContext("ok", job("plan-batch"))))
                .isEqualTo(Map.of("processed", "ok"));
    }
}
