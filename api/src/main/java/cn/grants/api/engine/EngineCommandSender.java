package cn.grants.api.engine;

import cn.grants.domain.engine.EngineCommand;
import io.camunda.client.CamundaClient;
import org.springframework.stereotype.Component;

/** Sends one outbox command to the engine and waits for its answer; failures surface as the client's exceptions. */
@Component
public class EngineCommandSender {

    private final CamundaClient camunda;

    public EngineCommandSender(CamundaClient camunda) {
        this.camunda = camunda;
    }

    public void send(EngineCommand command) {
        switch (command.getKind()) {
            case COMPLETE_JOB -> camunda.newCompleteCommand(command.getJobKey()).variables(command.getVariables())
                    .send().join();
            case PUBLISH_MESSAGE -> camunda.newPublishMessageCommand().messageName(command.getMessageName())
                    .correlationKey(command.getCorrelationKey()).messageId(command.getMessageId())
                    .timeToLive(command.getTimeToLive()).variables(command.getVariables()).send().join();
            case CANCEL_INSTANCE -> camunda.newCancelInstanceCommand(command.getProcessInstanceKey()).send().join();
        }
    }
}
