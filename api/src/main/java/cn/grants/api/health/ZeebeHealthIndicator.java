package cn.grants.api.health;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.Topology;
import java.time.Duration;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** The engine answers a topology request over gRPC. */
@Component("engine")
public class ZeebeHealthIndicator extends AbstractHealthIndicator {

    private final CamundaClient camunda;

    public ZeebeHealthIndicator(CamundaClient camunda) {
        this.camunda = camunda;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Topology topology = camunda.newTopologyRequest().requestTimeout(Duration.ofSeconds(5)).send().join();
        builder.up().withDetail("brokers", topology.getBrokers().size())
                .withDetail("partitions", topology.getPartitionsCount())
                .withDetail("gatewayVersion", String.valueOf(topology.getGatewayVersion()));
    }
}
