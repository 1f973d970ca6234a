package cn.grants.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped model opens in Camunda Modeler and follows the house rules. */
class ModelLintTest {

    static Stream<Path> models() throws IOException {
        return Files.list(Path.of("src/main/resources/bpmn")).filter(p -> p.toString().endsWith(".bpmn"));
    }

    @ParameterizedTest
    @MethodSource("models")
    void shouldDrawEveryElementAndEveryFlow(Path model) {
        // given
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());

        // when
        Set<String> shapes = instance.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = instance.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());

        // then
        List<String> nodes = instance.getModelElementsByType(FlowNode.class).stream().map(BaseElement::getId).toList();
        List<String> flows = instance.getModelElementsByType(SequenceFlow.class).stream().map(BaseElement::getId).toList();
        assertThat(shapes).as("shapes of %s", model).containsAll(nodes);
        assertThat(edges).as("edges of %s", model).containsAll(flows);
    }

    @ParameterizedTest
    @MethodSource("models")
    void shouldNameTheFileAfterTheProcessAndUseMeaningfulBilingualNames(Path model) {
        // given
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
        String processId = model.getFileName().toString().replace(".bpmn", "");

        // then
        assertThat((Object) instance.getModelElementById(processId)).as("process %s", processId).isNotNull();
        for (FlowElement element : instance.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId()).as("element id").matches("(StartEvent|End|Event|UserTask|ServiceTask|BusinessRule|Gateway|Flow|SubProcess|CallActivity)_[A-Za-z]+");
            if (element instanceof FlowNode node && !(node instanceof io.camunda.zeebe.model.bpmn.instance.Gateway
                    && node.getName() == null)) {
                String name = node.getName();
                assertThat(name).as("name of %s", node.getId()).isNotNull();
                assertThat(name.matches("(?s)\\p{IsHan}.*\\n.*[A-Za-z].*"))
                        .as("name of %s is Chinese first, then English: %s", node.getId(), name).isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void shouldHaveNoCamunda7Attributes(Path model) throws IOException {
        // given
        String xml = Files.readString(model, StandardCharsets.UTF_8);

        // then
        assertThat(xml).doesNotContain("camunda.org/schema/1.0/bpmn").doesNotContain("camunda:");
        assertThat(xml).contains("modeler:executionPlatform=\"Camunda Cloud\"");
    }

    @ParameterizedTest
    @MethodSource("models")
    void shouldRouteEveryServiceTaskThatFailsOnItsLastRetryToARepairTaskThatRetriesIt(Path model) {
        // given
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());

        // then every service task catches TECHNICAL_FAILURE (thrown by RepairOnLastRetry) with a boundary event whose
        // path reaches a user task with the repair form, from which RETRY leads back to the task
        for (ServiceTask task : instance.getModelElementsByType(ServiceTask.class)) {
            BoundaryEvent boundary = instance.getModelElementsByType(BoundaryEvent.class).stream()
                    .filter(b -> b.getAttachedTo() == task)
                    .filter(b -> b.getEventDefinitions().stream().anyMatch(d -> d instanceof ErrorEventDefinition e
                            && e.getError() != null && "TECHNICAL_FAILURE".equals(e.getError().getErrorCode())))
                    .findFirst().orElse(null);
            assertThat(boundary).as("%s: %s has no TECHNICAL_FAILURE boundary event", model.getFileName(),
                    task.getId()).isNotNull();
            assertThat(boundary.getOutgoing()).as("%s: flow out of %s", task.getId(), boundary.getId()).hasSize(1);
            FlowNode next = boundary.getOutgoing().iterator().next().getTarget();
            assertThat(next).as("%s: repair task after %s", model.getFileName(), boundary.getId())
                    .isInstanceOf(UserTask.class);
            ZeebeTaskHeaders headers = next.getSingleExtensionElement(ZeebeTaskHeaders.class);
            assertThat(headers).as("headers of %s", next.getId()).isNotNull();
            Map<String, String> byKey = headers.getHeaders().stream()
                    .collect(Collectors.toMap(ZeebeHeader::getKey, ZeebeHeader::getValue));
            assertThat(byKey).as("headers of %s", next.getId()).containsEntry("form", "repair");
            assertThat(List.of(byKey.get("outcomes").split(","))).as("outcomes of %s", next.getId()).contains("RETRY");
            assertThat(reaches(next, task, new java.util.HashSet<>())).as("%s leads back to %s", next.getId(),
                    task.getId()).isTrue();
            ZeebeIoMapping outputs = boundary.getSingleExtensionElement(ZeebeIoMapping.class);
            assertThat(outputs.getOutputs()).extracting(ZeebeOutput::getTarget).as("outputs of %s", boundary.getId())
                    .contains("technicalError", "failedJobType", "failureId");
        }
    }

    private static boolean reaches(FlowNode from, FlowNode target, Set<String> seen) {
        if (!seen.add(from.getId())) {
            return false;
        }
        for (SequenceFlow flow : from.getOutgoing()) {
            if (flow.getTarget() == target || (!(flow.getTarget() instanceof Activity)
                    && reaches(flow.getTarget(), target, seen))) {
                return true;
            }
        }
        return false;
    }
}
