package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.db.impl.rocksdb.transaction.ZeebeTransactionDb;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development engine keeps its state in RocksDB and its log in a file, both in a scratch directory that is gone
 * when it stops (zeebe-process-test's sorted maps copied a column family per iteration, and its heap log grew with
 * everything the engine ever did).
 */
class EngineStateTest {

    @Test
    void shouldRunInstancesOnARocksDbStateAndAFileLogAndLeaveNothingBehind() throws Exception {
        Path directory;
        try (InMemoryEngine engine = InMemoryEngine.start(0);
                CamundaClient client = CamundaClient.newClientBuilder()
                        .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
                        .restAddress(URI.create("http://127.0.0.1:" + FreePorts.find()))
                        .preferRestOverGrpc(false).build()) {
            directory = engine.directory();
            // given: the engine's stream processor works on RocksDB, its log storage on the file
            assertThat(EngineState.databaseType(engine.engine())).isAssignableTo(ZeebeTransactionDb.class);
            assertThat(Files.isDirectory(directory.resolve("state"))).isTrue();
            assertThat(LogStorageGuard.isGuarded(engine.engine())).isTrue();

            // when: 40 instances of a process with a message catch and a job run to their end
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("wait-and-work")
                    .startEvent().intermediateCatchEvent("wait", e -> e.message(m -> m.name("go")
                            .zeebeCorrelationKeyExpression("=key")))
                    .serviceTask("work", t -> t.zeebeJobType("work")).endEvent().done(), "wait-and-work.bpmn")
                    .send().join();
            long before = System.currentTimeMillis() - 1;
            for (int i = 0; i < 40; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("wait-and-work").latestVersion()
                        .variables(java.util.Map.of("key", "k" + i)).send().join();
            }
            for (int i = 0; i < 40; i++) {
                client.newPublishMessageCommand().messageName("go").correlationKey("k" + i).send().join();
            }
            List<ActivatedJob> jobs = EngineStatsTest.activate(client, 40);
            for (ActivatedJob job : jobs) {
                client.newCompleteCommand(job.getKey()).send().join();
            }

            // then: every message was correlated from the state and every job completed, as the log records
            assertThat(jobs).hasSize(40);
            assertThat(EngineStats.jobsCompleted(engine, before, System.currentTimeMillis() + 1)).isEqualTo(40);
            assertThat(engine.log().size()).isGreaterThan(200);
            assertThat(Files.size(directory.resolve("log"))).isEqualTo(engine.log().bytes()).isPositive();
        }
        // and nothing is left of the engine once it stopped
        assertThat(directory).doesNotExist();
    }

    @Test
    void shouldDeleteTheScratchDirectoriesOfEnginesWhoseProcessIsGoneAndNoOtherOnStart(@TempDir Path root)
            throws Exception {
        // given: the directory of an engine whose JVM was killed, one of this live process, one without an owner
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path abandoned = scratch(root, Long.toString(gone.pid()));
        Path live = scratch(root, Long.toString(ProcessHandle.current().pid()));
        Path unmarked = Files.createDirectory(root.resolve(EngineState.PREFIX + "unmarked"));
        Path other = Files.createDirectory(root.resolve("something-else"));

        // when an engine starts
        List<Path> removed = EngineState.removeAbandoned(root);

        // then only the abandoned one is gone
        assertThat(removed).containsExactly(abandoned);
        assertThat(abandoned).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(unmarked).isDirectory();
        assertThat(other).isDirectory();
    }

    private static Path scratch(Path root, String owner) throws java.io.IOException {
        Path directory = Files.createTempDirectory(root, EngineState.PREFIX);
        Files.writeString(directory.resolve(EngineState.OWNER), owner);
        Files.createDirectories(directory.resolve("state"));
        Files.writeString(directory.resolve("log"), "entries");
        return directory;
    }
}
