package cn.grants.bench;

import cn.grants.embedded.EngineStats;
import cn.grants.embedded.InMemoryEngine;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bare-engine baseline (docs/performance.md): the application's own models (module bpmn) on the development
 * engine, with a worker per job type that completes every job at once, doing nothing. A round of N applications goes
 * the path the round driver takes: formal check passed, three experts score, the amount determined, one batch, the
 * publicity, one tranche approved and paid. Every worker polls as the application's do ({@code max-jobs-active} 8,
 * poll every 200 ms, no streaming). It reports the jobs the engine completed per second, the figure the round
 * benchmark's own job throughput is compared with.
 *
 * <pre>java -cp … cn.grants.bench.EngineBaseline --n 2000 --out bench/target/baseline.properties</pre>
 */
public final class EngineBaseline {

    static final String USER_TASK = "io.camunda.zeebe:userTask";
    static final List<String> MODELS = List.of("bpmn/grant-round.bpmn", "bpmn/grant-lifecycle.bpmn",
            "bpmn/grant-disbursement.bpmn", "bpmn/review-route.dmn", "bpmn/finance-approval.dmn");
    /**
     * Whether the workers have jobs pushed to them as well as polling: as the application's, by the same variable
     * ({@code CAMUNDA_CLIENT_WORKER_DEFAULTS_STREAMENABLED}, off unless set).
     */
    static final boolean STREAM = Boolean.parseBoolean(
            System.getenv().getOrDefault("CAMUNDA_CLIENT_WORKER_DEFAULTS_STREAMENABLED", "false"));
    private static final Pattern JOB_TYPE = Pattern.compile("zeebe:taskDefinition type=\"([^\"]+)\"");

    private final int n;
    private final List<String> caseIds = new ArrayList<>();
    private final Map<String, AtomicLong> completed = new ConcurrentHashMap<>();
    /** determinations made: when all N are, every case has left review and the round may decide its batch */
    private final AtomicLong determined = new AtomicLong();

    EngineBaseline(int n) {
        this.n = n;
        for (int i = 0; i < n; i++) {
            caseIds.add(UUID.randomUUID().toString());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        EngineBaseline baseline = new EngineBaseline(Integer.parseInt(a.getOrDefault("n", "2000")));
        if (a.containsKey("intake")) {
            System.out.println(baseline.intake(Integer.parseInt(a.get("intake")),
                    Duration.parse(a.getOrDefault("user-task-timeout", "PT30S"))));
            System.exit(0);
        }
        Result result = baseline.run();
        System.out.println(result.report());
        Path out = Path.of(a.getOrDefault("out", "bench/target/baseline.properties"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, result.properties());
        System.exit(0);
    }

    record Result(int n, EngineStats.Counts counts, double seconds, Map<String, Long> byType) {

        long jobs() {
            return counts.jobsCompleted();
        }

        double jobsPerSecond() {
            return jobs() / seconds;
        }

        String report() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "Bare-engine baseline: N = %d, %d jobs completed in %.1f s = %.1f jobs/s%s%n", n, jobs(), seconds,
                    jobsPerSecond(), STREAM ? " (jobs pushed to the workers as well as polled)" : ""));
            byType.forEach((type, count) -> s.append("  ").append(type).append(": ").append(count).append('\n'));
            return s.toString();
        }

        String properties() {
            return String.format(Locale.ROOT, "n=%d%njobs=%d%nseconds=%.3f%njobsPerSecond=%.3f%njobsTimedOut=%d%n"
                    + "jobBatchesActivated=%d%ncommands=%d%nevents=%d%n", n, jobs(), seconds, jobsPerSecond(),
                    counts.jobsTimedOut(), counts.jobBatchesActivated(), counts.commands(), counts.events());
        }
    }

    /**
     * The bare engine's intake ({@code --intake USERS}): N applications submitted into one round by USERS concurrent
     * senders, each waiting for the engine's answer as the application's requests do, while the no-op workers
     * complete every job of the models and the user tasks are held open (as the task inbox holds them, 30 s job
     * timeout by default, {@code --user-task-timeout}). It ends when every application's formal check is held: the engine's own ceiling for the intake on
     * this machine, without the application, its database or a driver.
     */
    String intake(int users, Duration userTaskTimeout) throws Exception {
        try (InMemoryEngine engine = InMemoryEngine.start(0); CamundaClient client = client(engine)) {
            deploy(client);
            java.util.Set<Long> held = ConcurrentHashMap.newKeySet();
            List<JobWorker> workers = new ArrayList<>();
            for (String type : jobTypes()) {
                workers.add(client.newWorker().jobType(type).handler(USER_TASK.equals(type)
                        ? (jobs, job) -> held.add(job.getKey()) : this::complete).name("baseline")
                        .timeout(USER_TASK.equals(type) ? userTaskTimeout : Duration.ofSeconds(30)).open());
            }
            Map<String, Object> round = roundVariables();
            round.put("windowCloses", beijingNow().plusHours(1).toString());
            client.newCreateInstanceCommand().bpmnProcessId("grant-round").latestVersion().variables(round).send()
                    .join();
            long t0 = System.nanoTime();
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(users);
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (String caseId : caseIds) {
                sent.add(senders.submit(() -> client.newPublishMessageCommand().messageName("application-submitted")
                        .correlationKey(round.get("roundId").toString())
                        .variables(Map.of("caseId", caseId, "applicantUser", "applicant", "auditRequired", false,
                                "lastActor", "applicant"))
                        .send().join()));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
            long published = System.nanoTime() - t0;
            senders.shutdown();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (held.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long all = System.nanoTime() - t0;
            workers.forEach(JobWorker::close);
            if (held.size() < n) {
                throw new IllegalStateException(held.size() + " of " + n + " formal checks held after 10 minutes");
            }
            return String.format(Locale.ROOT, "Bare-engine intake: N = %d, %d concurrent senders, user tasks held with "
                    + "a %s job timeout: all answered in %.1f s = %.1f applications/s; every formal check held after "
                    + "%.1f s = %.1f applications/s%s%n", n, users, userTaskTimeout, published / 1e9,
                    n / (published / 1e9), all / 1e9, n / (all / 1e9),
                    STREAM ? " (jobs pushed to the workers as well as polled)" : "");
        }
    }

    private static CamundaClient client(InMemoryEngine engine) {
        return CamundaClient.newClientBuilder().grpcAddress(URI.create("http://" + engine.gatewayAddress()))
                .restAddress(URI.create("http://127.0.0.1:" + cn.grants.embedded.FreePorts.find()))
                .preferRestOverGrpc(false).defaultJobWorkerMaxJobsActive(8)
                .defaultJobPollInterval(Duration.ofMillis(200)).defaultJobWorkerStreamEnabled(STREAM).build();
    }

    private static void deploy(CamundaClient client) {
        var deploy = client.newDeployResourceCommand().addResourceFromClasspath(MODELS.get(0));
        for (String model : MODELS.subList(1, MODELS.size())) {
            deploy = deploy.addResourceFromClasspath(model);
        }
        deploy.send().join();
    }

    /** The round's variables for the baseline (the window is set by each caller). */
    private static Map<String, Object> roundVariables() {
        Map<String, Object> round = new HashMap<>();
        round.put("roundId", UUID.randomUUID().toString());
        round.put("reviewPoll", "PT1S");
        round.put("expertsPerCase", 3);
        round.put("passScore", 60);
        round.put("correctionPeriod", "P10D");
        round.put("expertResponsePeriod", "P7D");
        round.put("lastActor", "officer");
        return round;
    }

    Result run() throws Exception {
        try (InMemoryEngine engine = InMemoryEngine.start(0); CamundaClient client = client(engine)) {
            deploy(client);
            List<JobWorker> workers = new ArrayList<>();
            for (String type : jobTypes()) {
                workers.add(client.newWorker().jobType(type).handler(this::complete).name("baseline")
                        .timeout(Duration.ofSeconds(30)).open());
            }
            Map<String, Object> round = roundVariables();
            // the window closes once the applications are in: the round then polls until every case is reviewed
            round.put("windowCloses", beijingNow().plusSeconds(5).toString());
            long t0 = System.currentTimeMillis();
            var done = client.newCreateInstanceCommand().bpmnProcessId("grant-round").latestVersion()
                    .variables(round).withResult().requestTimeout(Duration.ofHours(2)).send();
            for (String caseId : caseIds) {
                client.newPublishMessageCommand().messageName("application-submitted")
                        .correlationKey(round.get("roundId").toString())
                        .variables(Map.of("caseId", caseId, "applicantUser", "applicant", "auditRequired", false,
                                "lastActor", "applicant"))
                        .send().join();
            }
            ProcessInstanceResult result = done.toCompletableFuture().get(2, TimeUnit.HOURS);
            long t1 = System.currentTimeMillis();
            workers.forEach(JobWorker::close);
            if (result.getProcessInstanceKey() <= 0) {
                throw new IllegalStateException("the round did not complete");
            }
            Map<String, Long> byType = new java.util.TreeMap<>();
            completed.forEach((type, count) -> byType.put(type, count.get()));
            return new Result(n, EngineStats.counts(engine, t0, t1), (t1 - t0) / 1e3, byType);
        }
    }

    /** Every job type of the models, and the job-based user tasks. */
    static TreeSet<String> jobTypes() throws IOException {
        TreeSet<String> types = new TreeSet<>();
        types.add(USER_TASK);
        for (String model : MODELS) {
            try (InputStream in = EngineBaseline.class.getClassLoader().getResourceAsStream(model)) {
                if (in == null) {
                    throw new IllegalStateException(model + " is not on the class path (module bpmn)");
                }
                Matcher m = JOB_TYPE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        }
        return types;
    }

    /** Completes the job at once, with the variables the round driver's path needs at the model's gateways. */
    private void complete(JobClient jobs, ActivatedJob job) {
        Map<String, Object> variables = outputs(job);
        // not waited for: the worker's thread takes the next job while the engine processes this completion
        jobs.newCompleteCommand(job.getKey()).variables(variables).send().whenComplete((ok, failed) -> {
            if (failed == null) {
                completed.computeIfAbsent(job.getType(), t -> new AtomicLong()).incrementAndGet();
            }
        });
    }

    private Map<String, Object> outputs(ActivatedJob job) {
        Map<String, Object> v = new HashMap<>();
        switch (job.getType()) {
            case USER_TASK -> {
                // the first outcome a task offers is its way forward (approve, score, determine, accept…)
                String outcomes = job.getCustomHeaders().getOrDefault("outcomes", "RETRY");
                v.put("outcome", outcomes.split(",")[0]);
                v.put("score", 80);
                v.put("comment", "");
                v.put("lastActor", job.getCustomHeaders().getOrDefault("form", "user"));
                v.put("secondApprovalRequired", false);
                if ("determination".equals(job.getCustomHeaders().get("form"))) {
                    determined.incrementAndGet();
                }
            }
            case "decide-review-route" -> v.put("reviewRoute", Map.of("experts", 3, "passScore", 60,
                    "specialAudit", false));
            case "draw-expert" -> v.put("expertUser", "expert" + (1 + Math.floorMod(job.getKey(), 8)));
            case "aggregate-scores" -> v.put("reviewPassed", true);
            // the measure's rate is a ceiling: an officer determines each amount, as in the round driver
            case "calculate-subsidy" -> v.put("determinationRequired", true);
            case "check-round-reviews" -> v.put("reviewsComplete", determined.get() >= n);
            case "plan-batch" -> v.put("oversubscribed", false);
            case "schedule-publicity" -> {
                v.put("listedCases", caseIds);
                v.put("publicityEnds", beijingNow().toString());
            }
            case "plan-tranches" -> v.put("tranches", List.of(Map.of("number", 1, "kind", "YEARLY",
                    "amount", 1_000_000)));
            default -> {
                // notifications, commits, payouts, releases: nothing to decide
            }
        }
        return v;
    }

    private static OffsetDateTime beijingNow() {
        return OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
