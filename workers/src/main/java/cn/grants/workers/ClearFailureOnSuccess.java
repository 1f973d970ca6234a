package cn.grants.workers;

import cn.grants.domain.operations.JobFailures;
import cn.grants.workers.tasks.UserTaskInboxWorker;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.bean.MethodInfo;
import io.camunda.client.jobhandling.result.DefaultResultProcessorStrategy;
import io.camunda.client.jobhandling.result.DocumentResultProcessorFailureHandlingStrategy;
import io.camunda.client.jobhandling.result.ResultProcessor;
import io.camunda.client.jobhandling.result.ResultProcessorContext;
import io.camunda.client.jobhandling.result.ResultProcessorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The counterpart of {@link RepairOnLastRetry}: when a worker's handler returns normally, a failure recorded for the
 * same step (element instance) while it was being retried is resolved as SUCCEEDED. The operations page then lists
 * only work that is still failing, not steps that recovered by themselves. Results are processed as by default.
 */
@Component
public class ClearFailureOnSuccess implements ResultProcessorStrategy {

    private static final Logger log = LoggerFactory.getLogger(ClearFailureOnSuccess.class);

    private final ResultProcessorStrategy delegate;
    private final JobFailures failures;
    private final String engineEpoch;

    @Autowired
    public ClearFailureOnSuccess(CamundaClient camunda, DocumentResultProcessorFailureHandlingStrategy documents,
            JobFailures failures, @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this(new DefaultResultProcessorStrategy(camunda, documents), failures, engineEpoch);
    }

    ClearFailureOnSuccess(ResultProcessorStrategy delegate, JobFailures failures, String engineEpoch) {
        this.delegate = delegate;
        this.failures = failures;
        this.engineEpoch = engineEpoch;
    }

    @Override
    public ResultProcessor createProcessor(MethodInfo method) {
        ResultProcessor processor = delegate.createProcessor(method);
        return new ResultProcessor() {
            @Override
            public Object process(ResultProcessorContext context) {
                Object result = processor.process(context);
                succeeded(context.getJob());
                return result;
            }
        };
    }

    void succeeded(ActivatedJob job) {
        if (job == null || UserTaskInboxWorker.JOB_TYPE.equals(job.getType())) {
            return;
        }
        try {
            if (failures.succeeded(engineEpoch, job.getElementInstanceKey())) {
                log.info("{} succeeded after failing (element {}, process instance {})", job.getType(),
                        job.getElementId(), job.getProcessInstanceKey());
            }
        } catch (RuntimeException e) {
            // the job's result stands; only the operations page keeps listing the earlier failure
            log.warn("could not clear the failure of job {} ({}): {}", job.getKey(), job.getType(), e.toString());
        }
    }
}
