package cn.grants.api;

import cn.grants.domain.embedded.FreePorts;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.PartitionBrokerRole;
import io.camunda.client.api.response.Topology;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A real Zeebe broker (the camunda-zeebe 8.6.0 distribution from Maven Central, unpacked by the build under
 * target/zeebe-broker) run as a child process on free loopback ports, with the JDK running the tests.
 */
final class ZeebeBroker {

    private static ZeebeBroker running;

    private final Process process;
    private final int gatewayPort;

    private ZeebeBroker(Process process, int gatewayPort) {
        this.process = process;
        this.gatewayPort = gatewayPort;
    }

    static synchronized ZeebeBroker start() {
        if (running != null) {
            return running;
        }
        Path home = Path.of(System.getProperty("zeebe.broker.home", "target/zeebe-broker/camunda-zeebe-8.6.0"));
        if (!Files.isExecutable(home.resolve("bin/broker"))) {
            throw new IllegalStateException("no Zeebe broker at " + home.toAbsolutePath()
                    + " (the build unpacks io.camunda:camunda-zeebe:8.6.0:tar.gz in process-test-resources)");
        }
        try {
            Path data = Files.createDirectories(Path.of("target/e2e-broker/" + UUID.randomUUID()));
            int gateway = FreePorts.find();
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/broker").toAbsolutePath().toString())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("broker.log").toFile());
            var env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS", "-Xmx768m -XX:+UseSerialGC");
            env.put("ZEEBE_BROKER_GATEWAY_NETWORK_HOST", "127.0.0.1");
            env.put("ZEEBE_BROKER_GATEWAY_NETWORK_PORT", String.valueOf(gateway));
            env.put("ZEEBE_BROKER_NETWORK_HOST", "127.0.0.1");
            env.put("ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT", String.valueOf(FreePorts.find()));
            env.put("ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT", String.valueOf(FreePorts.find()));
            env.put("SERVER_PORT", String.valueOf(FreePorts.find()));
            env.put("ZEEBE_BROKER_DATA_DIRECTORY", data.resolve("data").toAbsolutePath().toString());
            env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING", "1GB");
            env.put("ZEEBE_BROKER_DATA_DISK_FREESPACE_REPLICATION", "512MB");
            ZeebeBroker broker = new ZeebeBroker(builder.start(), gateway);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
            broker.awaitReady(data.resolve("broker.log").toFile());
            running = broker;
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String grpcAddress() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    private void awaitReady(File log) {
        try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(URI.create(grpcAddress()))
                .restAddress(URI.create("http://127.0.0.1:" + FreePorts.find())).preferRestOverGrpc(false).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Zeebe broker exited; see " + log);
                }
                try {
                    Topology topology = client.newTopologyRequest().requestTimeout(Duration.ofSeconds(2)).send().join();
                    boolean leader = topology.getBrokers().stream().flatMap(b -> b.getPartitions().stream())
                            .anyMatch(p -> p.getRole() == PartitionBrokerRole.LEADER
                                    && p.getHealth() == PartitionBrokerHealth.HEALTHY);
                    if (leader) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    // gateway not up yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("Zeebe broker not ready within 120 s; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
