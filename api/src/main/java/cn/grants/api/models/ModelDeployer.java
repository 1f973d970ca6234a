package cn.grants.api.models;

import cn.grants.domain.models.ProcessModel;
import cn.grants.domain.models.DecisionModel;
import cn.grants.domain.models.DecisionModelRepository;
import cn.grants.domain.models.ProcessModelRepository;
import io.camunda.client.api.response.Decision;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys the process models to the engine and keeps each deployed version (key, id, version, XML) in the database.
 * At start the models shipped in the bpmn module are deployed; the engine keeps an unchanged model's version.
 */
@Service
public class ModelDeployer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

    private final CamundaClient camunda;
    private final ProcessModelRepository models;
    private final DecisionModelRepository decisions;
    private final Clock clock;
    private final String engineEpoch;

    public ModelDeployer(CamundaClient camunda, ProcessModelRepository models, DecisionModelRepository decisions,
            Clock clock, @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.decisions = decisions;
        this.engineEpoch = engineEpoch;
        this.camunda = camunda;
        this.models = models;
        this.clock = clock;
    }

    /** Before the web server starts: a client that sees the application healthy can open a round at once. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            deployShippedModels();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deployShippedModels() throws IOException {
        // the decisions first: the processes' business rule tasks evaluate them
        for (String pattern : List.of("classpath*:bpmn/*.dmn", "classpath*:bpmn/*.bpmn")) {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (var in = resource.getInputStream()) {
                    deploy(resource.getFilename(), in.readAllBytes(), "system");
                }
            }
        }
    }

    @Transactional
    public List<ProcessModel> deploy(String resourceName, byte[] xml, String deployedBy) {
        DeploymentEvent deployment = camunda.newDeployResourceCommand().addResourceBytes(xml, resourceName).send().join();
        deployment.getDecisions().forEach(d -> recordDecision(d, resourceName, xml, deployedBy));
        return deployment.getProcesses().stream().map(p -> record(p, resourceName, xml, deployedBy)).toList();
    }

    /** Deploys a decision (DMN) file and keeps each decision's version. */
    @Transactional
    public List<DecisionModel> deployDecisions(String resourceName, byte[] xml, String deployedBy) {
        DeploymentEvent deployment = camunda.newDeployResourceCommand().addResourceBytes(xml, resourceName).send().join();
        return deployment.getDecisions().stream().map(d -> recordDecision(d, resourceName, xml, deployedBy)).toList();
    }

    private DecisionModel recordDecision(Decision decision, String resourceName, byte[] xml, String deployedBy) {
        DecisionModel model = decisions.findByEngineEpochAndDecisionKey(engineEpoch, decision.getDecisionKey())
                .orElseGet(() -> decisions.save(new DecisionModel(engineEpoch, decision.getDecisionKey(),
                        decision.getDmnDecisionId(), decision.getDmnDecisionName(), decision.getVersion(), resourceName,
                        new String(xml, StandardCharsets.UTF_8), clock.instant(), deployedBy)));
        log.info("decision {} version {} deployed (key {})", model.getDecisionId(), model.getVersion(),
                model.getDecisionKey());
        return model;
    }

    private ProcessModel record(Process process, String resourceName, byte[] xml, String deployedBy) {
        ProcessModel model = models.findByEngineEpochAndProcessDefinitionKey(engineEpoch, process.getProcessDefinitionKey())
                .orElseGet(() -> models.save(new ProcessModel(engineEpoch, process.getProcessDefinitionKey(), process.getBpmnProcessId(), process.getVersion(),
                        resourceName, new String(xml, StandardCharsets.UTF_8), clock.instant(), deployedBy)));
        log.info("process {} version {} deployed (key {})", model.getBpmnProcessId(), model.getVersion(),
                model.getProcessDefinitionKey());
        return model;
    }

}
