package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's job count: the jobs the engine completed in a window, over HTTP on the loopback interface. */
class EngineStatsTest {

    @Test
    void shouldCountTheJobsCompletedInTheWindowAndNoneBeforeIt() throws Exception {
        try (InMemoryEngine engine = InMemoryEngine.start(0);
                EngineStats stats = EngineStats.serve(engine, 0);
                CamundaClient client = CamundaClient.newClientBuilder()
                        .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
                        .restAddress(URI.create("http://127.0.0.1:" + FreePorts.find()))
                        .preferRestOverGrpc(false).build()) {
            // given: a process of two service tasks, three instances, and a window that opens before them
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("two-jobs").startEvent()
                    .serviceTask("first", t -> t.zeebeJobType("work")).serviceTask("second", t -> t.zeebeJobType("work"))
                    .endEvent().done(), "two-jobs.bpmn").send().join();
            long before = System.currentTimeMillis() - 1;
            for (int i = 0; i < 3; i++) {
                client.newCreateInstanceCommand().bpmnProcessId("two-jobs").latestVersion().send().join();
            }

            // when: the jobs of the first task are completed, and those of the second only activated
            List<ActivatedJob> first = activate(client, 3);
            for (ActivatedJob job : first) {
                client.newCompleteCommand(job.getKey()).send().join();
            }
            List<ActivatedJob> second = activate(client, 3);
            long after = System.currentTimeMillis() + 1;

            // then
            assertThat(second).hasSize(3);
            assertThat(get(stats, before, after)).startsWith("jobsCompleted=3\njobsTimedOut=0\n");
            assertThat(get(stats, 0, before - 60_000)).isEqualTo(
                    "jobsCompleted=0\njobsTimedOut=0\njobBatchesActivated=0\ncommands=0\nevents=0\n");
            assertThat(EngineStats.jobsCompleted(engine, before, after)).isEqualTo(3);
            EngineStats.Counts counts = EngineStats.counts(engine, before, after);
            assertThat(counts.jobBatchesActivated()).isBetween(2L, 6L);
            assertThat(counts.commands()).isPositive();
            assertThat(counts.events()).isGreaterThan(counts.jobsCompleted());
        }
    }

    @Test
    void shouldCountAJobHandedOutAgainWhenItsTimeoutRanOut() throws Exception {
        try (InMemoryEngine engine = InMemoryEngine.start(0);
                CamundaClient client = CamundaClient.newClientBuilder()
                        .grpcAddress(URI.create("http://" + engine.gatewayAddress()))
                        .restAddress(URI.create("http://127.0.0.1:" + FreePorts.find()))
                        .preferRestOverGrpc(false).build()) {
            // given: a job held as the task inbox holds a user task, with a timeout of a minute
            client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("held").startEvent()
                    .serviceTask("wait", t -> t.zeebeJobType("work")).endEvent().done(), "held.bpmn").send().join();
            long before = System.currentTimeMillis() - 1;
            client.newCreateInstanceCommand().bpmnProcessId("held").latestVersion().send().join();
            List<ActivatedJob> held = List.of();
            long activating = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (held.isEmpty() && System.nanoTime() < activating) {
                held = client.newActivateJobsCommand().jobType("work").maxJobsToActivate(1)
                        .timeout(Duration.ofMinutes(1)).send().join().getJobs();
            }
            assertThat(held).hasSize(1);

            // when: the engine's clock passes the timeout
            engine.engine().increaseTime(Duration.ofMinutes(2));

            // then: the job timed out once, and nothing completed
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            EngineStats.Counts counts = EngineStats.counts(engine, before, Long.MAX_VALUE);
            while (counts.jobsTimedOut() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                counts = EngineStats.counts(engine, before, Long.MAX_VALUE);
            }
            assertThat(counts.jobsTimedOut()).isEqualTo(1);
            assertThat(counts.jobsCompleted()).isZero();
        }
    }

    /** Activates {@code expected} jobs of type "work", polling for up to 20 s. */
    static List<ActivatedJob> activate(CamundaClient client, int expected) throws InterruptedException {
        List<ActivatedJob> jobs = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jobs.size() < expected && System.nanoTime() < deadline) {
            jobs.addAll(client.newActivateJobsCommand().jobType("work").maxJobsToActivate(expected - jobs.size())
                    .send().join().getJobs());
            Thread.sleep(50);
        }
        return jobs;
    }

    private static String get(EngineStats stats, long from, long to) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + stats.port() + "/jobs?from=" + from + "&to=" + to)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
