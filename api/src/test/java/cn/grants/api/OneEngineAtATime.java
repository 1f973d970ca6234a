package cn.grants.api;

import io.camunda.client.spring.event.CamundaLifecycleEventProducer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.support.DependencyInjectionTestExecutionListener;

/**
 * Keeps the cached test contexts of this JVM from talking to their embedded engines while another test class runs.
 *
 * <p>Each context runs its own in-memory engine (zeebe-process-test). That engine writes every gRPC response
 * through static fields shared by all engines in the JVM, so an idle context whose job workers keep polling its
 * engine can corrupt the response another engine is writing for the running test (seen as "Could not deserialize
 * object [JobBatchRecord]" in the log and an engine error in the test). The running application has one engine and
 * is not affected; Spring Framework 7 pauses inactive test contexts by itself.
 *
 * <p>After each test class its context stops its job workers and its scheduler (the outbox relay, the mailer);
 * before the next test class that uses it, they start again. Registered in {@code META-INF/spring.factories}.
 */
public class OneEngineAtATime extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return DependencyInjectionTestExecutionListener.ORDER + 50;
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        if (testContext.getApplicationContext() instanceof ConfigurableApplicationContext context
                && context.isActive()) {
            talking(context).forEach(bean -> {
                if (!bean.isRunning()) {
                    bean.start();
                }
            });
        }
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.hasApplicationContext()
                && testContext.getApplicationContext() instanceof ConfigurableApplicationContext context
                && context.isActive()) {
            talking(context).reversed().forEach(bean -> {
                if (bean.isRunning()) {
                    bean.stop();
                }
            });
        }
    }

    private static java.util.List<Lifecycle> talking(ApplicationContext context) {
        java.util.List<Lifecycle> beans = new java.util.ArrayList<>();
        beans.addAll(context.getBeansOfType(ThreadPoolTaskScheduler.class).values());
        beans.addAll(context.getBeansOfType(CamundaLifecycleEventProducer.class).values());
        return beans;
    }
}
