package cn.grants.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;

/** Every job type a shipped model uses has a public worker; a model with an unhandled job type fails here. */
class JobTypeCoverageTest {

    @Test
    void shouldHandleEveryJobTypeOfEveryModel() throws Exception {
        // given
        Set<String> modelled = new HashSet<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
            BpmnModelInstance model = Bpmn.readModelFromStream(r.getInputStream());
            model.getModelElementsByType(ZeebeTaskDefinition.class).forEach(t -> modelled.add(t.getType()));
            if (!model.getModelElementsByType(UserTask.class).isEmpty()) {
                modelled.add("io.camunda.zeebe:userTask");
            }
        }

        // when
        Set<String> handled = new HashSet<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        for (BeanDefinition bean : scanner.findCandidateComponents("cn.grants.workers")) {
            Class<?> type = Class.forName(bean.getBeanClassName());
            for (Method method : type.getDeclaredMethods()) {
                JobWorker worker = method.getAnnotation(JobWorker.class);
                if (worker != null) {
                    assertThat(Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(method.getModifiers()))
                            .as("%s.%s must be public", type.getSimpleName(), method.getName()).isTrue();
                    handled.add(worker.type());
                }
            }
        }

        // then
        assertThat(modelled).isNotEmpty();
        assertThat(handled).as("job types with a worker").containsAll(modelled);
    }
}
