package cn.grants.embedded;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the in-memory Zeebe engine (zeebe-process-test-engine, gRPC on a local port) before the context when no
 * cluster is configured ({@code grants.zeebe.address}, env {@code ZEEBE_GRPC_ADDRESS}), and points the Camunda
 * client at it. Its state lives in memory only: a restart loses running process instances (the application re-creates
 * them from PostgreSQL). {@code grants.embedded.enabled=false} turns it off, like the other embedded services.
 */
public class EmbeddedZeebeEngine implements EnvironmentPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZeebeEngine.class);
    static final String PROPERTY_SOURCE = "grantsEmbeddedZeebe";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("grants.embedded.enabled", Boolean.class, true)
                || env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        String address = env.getProperty("grants.zeebe.address", "");
        String rest = env.getProperty("grants.zeebe.rest-address", "");
        if (!address.isBlank()) {
            env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(
                    "camunda.client.grpc-address", address,
                    "camunda.client.rest-address", rest.isBlank() ? "http://localhost:8088" : rest,
                    "grants.zeebe.embedded", false)));
            return;
        }
        int port = env.getProperty("grants.zeebe.embedded-port", Integer.class, 26500);
        InMemoryEngine engine = InMemoryEngine.start(port);
        log.info("in-memory Zeebe engine (development and evaluation only), gRPC at {} (loopback only)",
                engine.gatewayAddress());
        EmbeddedBackingServices.closeWithContext(application, engine);
        Integer statsPort = env.getProperty("ENGINE_STATS_PORT", Integer.class);
        if (statsPort != null) {
            // the benchmark's job count (bench/run.sh), on the loopback interface only
            try {
                EngineStats stats = EngineStats.serve(engine, statsPort);
                EmbeddedBackingServices.closeWithContext(application, stats);
                log.info("engine job counts at http://127.0.0.1:{}/jobs (benchmark)", stats.port());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("ENGINE_STATS_PORT " + statsPort, e);
            }
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(
                "camunda.client.grpc-address", "http://" + engine.gatewayAddress(),
                // the in-memory engine has no REST API; all client calls go over gRPC
                "camunda.client.rest-address", "http://127.0.0.1:" + FreePorts.find(),
                "grants.zeebe.embedded", true,
                "grants.demo.publicity-working-days", 0,
                // a demo round decides its batch within seconds of its last review
                "grants.demo.review-poll", "PT5S",
                // the in-memory engine now and then loses a job-activation response under concurrent polling (a
                // JOB_BATCH side effect fails); short job timeouts hand such a job out again within seconds. Every
                // worker is idempotent, and the task inbox holds a user task once per job key.
                "camunda.client.worker.defaults.timeout", "PT15S",
                "camunda.client.worker.override[io.camunda.zeebe:userTask].timeout", "PT30S",
                // a round's batch steps work on every case of the round in one job (2,000 cases: tens of seconds);
                // handed out again after 15 s, a second worker would wait for the round's lock and do it again
                "camunda.client.worker.override[plan-batch].timeout", "PT5M",
                "camunda.client.worker.override[commit-batch].timeout", "PT5M",
                "camunda.client.worker.override[schedule-publicity].timeout", "PT5M",
                // the in-memory engine numbers its keys afresh at every start: a new epoch keeps them apart
                "grants.zeebe.epoch", "memory-" + java.util.UUID.randomUUID())));
    }

    /** Property name, value, name, value… in a map. */
    private static Map<String, Object> properties(Object... pairs) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put((String) pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}
