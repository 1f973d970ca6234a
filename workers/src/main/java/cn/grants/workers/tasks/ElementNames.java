package cn.grants.workers.tasks;

import cn.grants.domain.models.ProcessModelRepository;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The display name of a model element, read from the deployed version's XML (kept in the database). */
@Component
public class ElementNames {

    private final ProcessModelRepository models;
    private final Map<Long, BpmnModelInstance> parsed = new ConcurrentHashMap<>();
    private final String engineEpoch;

    public ElementNames(ProcessModelRepository models, @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.models = models;
        this.engineEpoch = engineEpoch;
    }

    public String name(long processDefinitionKey, String elementId) {
        BpmnModelInstance model = parsed.computeIfAbsent(processDefinitionKey, key -> models.findByEngineEpochAndProcessDefinitionKey(engineEpoch, key)
                .map(m -> Bpmn.readModelFromStream(new ByteArrayInputStream(m.getXml().getBytes(StandardCharsets.UTF_8))))
                .orElse(null));
        if (model == null) {
            return elementId;
        }
        FlowElement element = model.getModelElementById(elementId);
        return element == null || element.getName() == null ? elementId : element.getName().replace('\n', ' ');
    }
}
