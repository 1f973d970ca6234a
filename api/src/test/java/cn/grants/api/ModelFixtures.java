package cn.grants.api;

/** Small models a process owner could deploy, for tests that run one worker through the engine. */
public final class ModelFixtures {

    private ModelFixtures() {
    }

    /** One execute-payout step for tranche 1 of the case, as a process owner could model it. */
    public static String payoutModel(String caseId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://example">
                  <bpmn:process id="pay-once" isExecutable="true">
                    <bpmn:startEvent id="Start"/>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pay"/>
                    <bpmn:serviceTask id="Pay" name="拨付 Pay">
                      <bpmn:extensionElements>
                        <zeebe:taskDefinition type="execute-payout" retries="3"/>
                        <zeebe:ioMapping>
                          <zeebe:input source="=&quot;%s&quot;" target="caseId"/>
                          <zeebe:input source="=1" target="tranche"/>
                        </zeebe:ioMapping>
                      </bpmn:extensionElements>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="F2" sourceRef="Pay" targetRef="End"/>
                    <bpmn:endEvent id="End"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(caseId);
    }
}
