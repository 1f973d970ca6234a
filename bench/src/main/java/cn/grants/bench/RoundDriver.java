package cn.grants.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a funding round through the public API of a running application, as its users would, with concurrent
 * users: intake (create and submit N applications), the officers' formal checks (each condition marked, its
 * document filed), the experts' scoring, the officers' determinations, then the round's batch decision and
 * publicity, finance's bulk approval, the payouts and the pain.001 export; it samples the task list and the case
 * view along the way. It reports
 * throughput, p50/p95/p99 per operation, the time of each phase, the application's CPU time and peak RSS (from
 * /proc, given its pid) and where each phase's CPU went (the application, its engine thread, PostgreSQL, the driver).
 * Each user signs in once with the sign-in form and keeps the session, as the pages do. With {@code --warmup W} a
 * round of W applications goes through the whole lifecycle first, not measured. See docs/performance.md.
 *
 * <pre>java -cp … cn.grants.bench.RoundDriver --base http://localhost:8080 --n 2000 --users 8 --pid 12345 --warmup 200</pre>
 */
public final class RoundDriver {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";
    static final List<String> APPLICANTS = List.of("applicant", "applicant2", "applicant3");
    static final List<String> OFFICERS = List.of("officer", "officer2");
    static final int EXPERTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    /** The application instances; requests go to each in turn, as a load balancer without sticky sessions sends them. */
    private final List<String> bases;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    private final int n;
    private final int users;
    private final List<Long> pids;
    /** Each user's browser: a client with its own cookies (the session and the XSRF-TOKEN), signed in once. */
    private final Map<String, HttpClient> sessions = new ConcurrentHashMap<>();
    private final Map<String, java.net.CookieManager> cookies = new ConcurrentHashMap<>();
    /** where the response times go: the report's, or a scratch one while the application warms up */
    private Latencies latencies = new Latencies();
    private final Map<String, String> phases = new LinkedHashMap<>();
    /** per phase: the CPU seconds of the application, its engine thread, its PostgreSQL and this driver */
    private final Map<String, String> cpu = new LinkedHashMap<>();

    /** the engine's job count (EngineStats, development engine), or null */
    private String engineStats;
    /** the bare-engine baseline's result (EngineBaseline), or null */
    private Path baseline;
    /** the mean pause of a user between two list reads, in milliseconds (0: none) */
    private long thinkMillis;
    /** added to the applications' numbers, so that their enterprises differ from those of earlier rounds */
    private int enterpriseOffset;
    /** how long the round's window stays open beyond the intake's expected time */
    private long windowSlackSeconds = 60;

    RoundDriver(List<String> bases, int n, int users, List<Long> pids) {
        this.bases = List.copyOf(bases);
        this.n = n;
        this.users = users;
        this.pids = pids.stream().filter(p -> p > 0).toList();
    }

    /** The instance for the next request. */
    private String base() {
        return bases.get(Math.floorMod(next.getAndIncrement(), bases.size()));
    }

    /** CPU and memory of all instances: CPU seconds and resident sets summed, peaks summed (an upper bound). */
    private ProcessStats stats() {
        double cpu = 0;
        long rss = 0;
        long peak = 0;
        for (long pid : pids) {
            ProcessStats one = ProcessStats.of(pid);
            cpu += one.cpuSeconds();
            rss += one.rssKb();
            peak += one.peakRssKb();
        }
        return new ProcessStats(cpu, rss, peak);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        RoundDriver driver = new RoundDriver(List.of(a.getOrDefault("base", "http://localhost:8080").split(",")),
                Integer.parseInt(a.getOrDefault("n", "2000")), Integer.parseInt(a.getOrDefault("users", "8")),
                java.util.Arrays.stream(a.getOrDefault("pid", "0").split(",")).map(String::trim)
                        .map(Long::parseLong).toList());
        driver.engineStats = a.get("engine-stats");
        driver.baseline = a.containsKey("baseline") ? Path.of(a.get("baseline")) : null;
        driver.thinkMillis = Long.parseLong(a.getOrDefault("think", "0"));
        driver.enterpriseOffset = Integer.parseInt(a.getOrDefault("enterprise-offset", "0"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "0"));
        String report;
        if (a.containsKey("open-tasks")) {
            report = driver.lists(Integer.parseInt(a.get("open-tasks")), a.get("db-url"), a.get("db-user"),
                    a.get("db-password"), Integer.parseInt(a.getOrDefault("requests", "400")), warmup);
        } else {
            if (warmup > 0) {
                driver.warmUp(warmup);
            }
            report = driver.run();
        }
        System.out.println(report);
        Path out = Path.of(a.getOrDefault("report", "bench/target/round-report.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
    }

    /**
     * When the round's window closes: long enough for the intake at 10 applications/s (measured: 11.7/s at N = 200,
     * 16.8–18.4/s at N = 2,000), then the batch. The reviews go on after it closes, as in a real round; at 5/s the
     * system sat idle for a minute and a half waiting for the deadline, which the job rate counted as its own time.
     */
    private OffsetDateTime windowCloses;

    /**
     * Before the measured round ({@code --warmup W}): a round of W applications through the whole lifecycle, by the
     * same users, not measured. The JIT compiles the application's paths on their first few thousand calls; a
     * freshly started JVM spent 40–56% of a core in the C2 compiler through the first two minutes of a round, which a
     * round's deadline, days after the application started, does not see. Its enterprises are others than the
     * measured round's (no double-funding conflict); its jobs, CPU and response times are outside the report.
     */
    void warmUp(int applications) throws Exception {
        RoundDriver warm = new RoundDriver(bases, applications, users, pids);
        warm.enterpriseOffset = enterpriseOffset + 5_000_000;
        warm.windowSlackSeconds = 20;
        long t = System.nanoTime();
        warm.run();
        String took = String.format(Locale.ROOT, "%d applications through the whole lifecycle in %.1f s",
                applications, (System.nanoTime() - t) / 1e9);
        System.out.println("warm-up round (not measured): " + took);
        phases.put("warm-up round before the measured one (not measured)", took);
    }

    String run() throws Exception {
        Map<String, double[]> answersBefore = engineAnswers();
        ProcessStats start = stats();
        long t0 = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        windowCloses = OffsetDateTime.now().plusSeconds(windowSlackSeconds + n / 10);
        List<Map<String, Object>> conditions = conditions();
        String round = openRound();

        // intake: N applications created and submitted by concurrent applicants, as near a deadline
        List<String> cases = new ArrayList<>();
        long intake = timed("intake (create + submit)", () -> parallel(n, i -> {
            String user = APPLICANTS.get(i % APPLICANTS.size());
            Map<String, Object> created = call("create", user, "POST", "/api/cases", application(round, enterpriseOffset + i, conditions));
            String id = created.get("id").toString();
            call("submit", user, "POST", "/api/cases/" + id + "/submit", null);
            synchronized (cases) {
                cases.add(id);
            }
        }));
        phases.put("intake throughput", String.format(Locale.ROOT, "%.1f applications/s", n / (intake / 1e9)));

        // formal checks: the officers work their task lists until every case passed
        Set<String> checked = ConcurrentHashMap.newKeySet();
        timed("formal checks", () -> work(OFFICERS, "UserTask_FormalCheck", checked, n, (user, task) -> {
            String caseId = task.get("caseId").toString();
            Map<String, Object> view = call("case view", user, "GET", "/api/cases/" + caseId, null);
            call("complete task", user, "POST", "/api/tasks/" + task.get("id") + "/complete",
                    approval(user, caseId, view));
        }));

        // expert review: each drawn expert scores from his task list
        Set<String> scored = ConcurrentHashMap.newKeySet();
        List<String> experts = new ArrayList<>();
        for (int i = 1; i <= EXPERTS; i++) {
            experts.add("expert" + i);
        }
        timed("expert scoring", () -> work(experts, "UserTask_ExpertScore", scored, 3 * n, (user, task) ->
                call("complete task", user, "POST", "/api/tasks/" + task.get("id") + "/complete", Map.of("outcome",
                        "SCORE", "variables", Map.of("scores", Map.of("TECHNOLOGY", 80, "MARKET", 80, "PLAN", 80,
                                "FINANCE", 80, "TEAM", 80))))));

        // 核定: the measure's rate is a ceiling, so an officer determines each amount (here: the calculated one)
        Set<String> determined = ConcurrentHashMap.newKeySet();
        // up to N; none when the calculated amounts stand, which the driver knows once the round has left its review
        timed("determinations", () -> work(OFFICERS, "UserTask_DetermineAmount", determined, -n, () -> List.of(
                "DECIDING", "PUBLICITY", "CLOSED").contains(call("round", "officer", "GET", "/api/rounds/" + round,
                        null).get("status")), (user, task) ->
                call("complete task", user, "POST", "/api/tasks/" + task.get("id") + "/complete", Map.of("outcome",
                        "DETERMINE", "comment", "按测算金额核定 as calculated", "variables",
                        Map.of("amount", task.get("calculatedAmount"))))));

        // the window closes; the round decides its batch (plan and commit) and opens the publicity
        long toClose = java.time.Duration.between(OffsetDateTime.now(), windowCloses).toMillis();
        phases.put("waited for the window to close", String.format(Locale.ROOT, "%.1f s", Math.max(0, toClose) / 1e3));
        if (toClose > 0) {
            Thread.sleep(toClose);
        }
        timed("batch decision (window closed → publicity open)", () -> awaitRound(round, "PUBLICITY",
                Duration.ofMinutes(30)));
        timed("publicity, funding plan, tranches planned (until finance's tasks)", () ->
                awaitTasks("finance", "finance-approval", round, n, Duration.ofMinutes(30)));

        // finance approves every tranche of the round in one action (each its own recorded approval)
        timed("bulk finance approval", () -> {
            Map<String, Object> done = call("approve all", "finance", "POST", "/api/tasks/approve",
                    Map.of("roundId", round));
            phases.put("tranches approved", done.get("approved") + " approved, " + done.get("refused") + " refused");
        });
        timed("payouts executed", () -> awaitPayouts(Set.copyOf(cases), Duration.ofMinutes(10)));
        timed("pain.001 export", () -> {
            HttpRequest.Builder export = HttpRequest.newBuilder(URI.create(base() + "/api/payouts/exports"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            String xml = send("pain.001 export", "finance", export);
            phases.put("pain.001 file", xml.length() / 1024 + " KiB");
        });

        ProcessStats end = stats();
        long endedAt = System.currentTimeMillis();
        StringBuilder report = new StringBuilder("# Round benchmark\n\n")
                .append(String.format(Locale.ROOT, "N = %d applications, %d concurrent users, measure %s, %s%n%n",
                        n, users, MEASURE, OffsetDateTime.now()))
                .append(bases.size() > 1 ? "Instances (requests in turn, one session each user): " + bases + "\n\n" : "")
                .append("| phase | value |\n|---|---|\n");
        phases.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        report.append(String.format(Locale.ROOT, "| total | %.1f s |%n", (System.nanoTime() - t0) / 1e9));
        if (!pids.isEmpty()) {
            report.append(String.format(Locale.ROOT, "| application CPU (%d instance(s)) | %.1f s (%.0f%% of one core) |%n", pids.size(),
                    end.cpuSeconds() - start.cpuSeconds(),
                    100 * (end.cpuSeconds() - start.cpuSeconds()) / ((System.nanoTime() - t0) / 1e9)));
            report.append(String.format(Locale.ROOT, "| application RSS now / peak (summed over instances) | %d MB / %d MB |%n",
                    end.rssKb() / 1024, end.peakRssKb() / 1024));
        }
        report.append(jobThroughput(startedAt, endedAt));
        report.append(engineAnswerRows(answersBefore, engineAnswers()));
        report.append(cpuTable());
        report.append("\n").append(latencies.table());
        return report.toString();
    }

    /**
     * The lists at the scale of a real round's backlog: {@code n} applications submitted through the API wait at the
     * formal check; then, in the database, copies of them and of their open tasks bring the officers' open tasks to
     * {@code openTasks} (copies of rows only: their jobs are not in the engine, and nobody completes them). Then
     * {@code users} concurrent officers and applicants read the task list (pages of 50, filtered by step and round,
     * by measure, the first and a far page), its facets, the case list and case views, {@code requests} of each.
     */
    String lists(int openTasks, String dbUrl, String dbUser, String dbPassword, int requests, int warmup)
            throws Exception {
        windowCloses = OffsetDateTime.now().plusHours(1);
        List<Map<String, Object>> conditions = conditions();
        String round = openRound();
        List<String> cases = new ArrayList<>();
        timed("intake (create + submit)", () -> parallel(n, i -> {
            String user = APPLICANTS.get(i % APPLICANTS.size());
            String id = call("create", user, "POST", "/api/cases", application(round, enterpriseOffset + i, conditions)).get("id")
                    .toString();
            call("submit", user, "POST", "/api/cases/" + id + "/submit", null);
            synchronized (cases) {
                cases.add(id);
            }
        }));
        awaitTasks("officer", "formal-check", round, n, Duration.ofMinutes(10));
        int copies = Math.max(0, (openTasks - n + n - 1) / n);
        timed("open tasks copied in the database", () -> {
            try (java.sql.Connection db = java.sql.DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                db.setAutoCommit(false);
                try (java.sql.Statement st = db.createStatement()) {
                    st.execute("create temp table seed on commit drop as select gen_random_uuid() as new_id, c.id as "
                            + "template_id, g as copy from grant_case c, generate_series(1, " + copies + ") g "
                            + "where c.round_id = '" + round + "'");
                    List<String> caseColumns = columns(db, "grant_case");
                    st.execute("insert into grant_case (" + String.join(", ", caseColumns) + ") select "
                            + caseColumns.stream().map(c -> c.equals("id") ? "s.new_id" : "c." + c)
                                    .collect(java.util.stream.Collectors.joining(", "))
                            + " from seed s join grant_case c on c.id = s.template_id");
                    List<String> taskColumns = columns(db, "user_task");
                    st.execute("insert into user_task (" + String.join(", ", taskColumns) + ") select "
                            + taskColumns.stream().map(c -> switch (c) {
                                case "id" -> "gen_random_uuid()";
                                case "job_key" -> "-(row_number() over ())"; // no job in the engine has it
                                case "case_id" -> "s.new_id";
                                default -> "t." + c;
                            }).collect(java.util.stream.Collectors.joining(", "))
                            + " from seed s join user_task t on t.case_id = s.template_id and t.status = 'OPEN'");
                }
                db.commit();
            }
        });
        long open = Long.parseLong(session("officer").send(HttpRequest.newBuilder(URI.create(base()
                + "/api/tasks?size=1")).GET().build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Total-Count").orElse("0"));
        phases.put("the officers' open tasks", Long.toString(open));
        java.util.Random random = new java.util.Random(14);
        int pages = (int) Math.max(1, open / 50);
        if (warmup > 0) {
            // the reads' first calls, not measured (warmUp): the same reads without pause, into a scratch table
            Latencies measured = latencies;
            latencies = new Latencies();
            long w = System.nanoTime();
            parallel(warmup, i -> readAll(i, round, cases, pages, random, false));
            latencies = measured;
            phases.put("warm-up reads before the measured ones (not measured)", String.format(Locale.ROOT,
                    "%d of each kind in %.1f s", warmup, (System.nanoTime() - w) / 1e9));
        }
        ProcessStats start = stats();
        long t0 = System.nanoTime();
        timed("list reads", () -> parallel(requests, i -> readAll(i, round, cases, pages, random, true)));
        ProcessStats end = stats();
        StringBuilder report = new StringBuilder("# List benchmark\n\n")
                .append(String.format(Locale.ROOT, "%d applications through the API, copied to %d open tasks; "
                        + "%d concurrent users, %d requests of each kind, %s, %s%n%n", n, open, users, requests,
                        thinkMillis == 0 ? "no pause between a user's requests"
                                : "a pause of " + thinkMillis + " ms (mean) between a user's requests",
                        OffsetDateTime.now()))
                .append("| phase | value |\n|---|---|\n");
        phases.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        if (!pids.isEmpty()) {
            report.append(String.format(Locale.ROOT, "| application CPU during the reads | %.1f s in %.1f s |%n",
                    end.cpuSeconds() - start.cpuSeconds(), (System.nanoTime() - t0) / 1e9));
            report.append(String.format(Locale.ROOT, "| application RSS now / peak | %d MB / %d MB |%n",
                    end.rssKb() / 1024, end.peakRssKb() / 1024));
        }
        report.append(cpuTable());
        report.append("\n").append(latencies.table());
        return report.toString();
    }

    /** Where each phase's CPU went (CpuShares), a Markdown table; empty without the application's pid. */
    private String cpuTable() {
        if (cpu.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("\n| phase: CPU seconds | wall s | application | of it the engine "
                + "thread | PostgreSQL | this driver | machine busy (all cores) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        cpu.values().forEach(row -> table.append(row).append('\n'));
        return table.toString();
    }

    /** One officer's round of the six list reads; with {@code pauses}, the user's pause after each. */
    private void readAll(int i, String round, List<String> cases, int pages, java.util.Random random, boolean pauses)
            throws Exception {
        String officer = OFFICERS.get(i % OFFICERS.size());
        list("task list, first page", officer, "/api/tasks?size=50");
        think(random, pauses);
        list("task list, step and round", officer, "/api/tasks?taskType=UserTask_FormalCheck&roundId=" + round
                + "&size=50&page=" + random.nextInt(pages));
        think(random, pauses);
        list("task list, measure", officer, "/api/tasks?measureId=" + MEASURE + "&size=50&page="
                + random.nextInt(pages));
        think(random, pauses);
        call("task facets", officer, "GET", "/api/tasks/facets", null);
        think(random, pauses);
        list("case list, page of 50", officer, "/api/cases?page=" + random.nextInt(pages) + "&size=50");
        think(random, pauses);
        call("case view", officer, "GET", "/api/cases/" + cases.get(i % cases.size()), null);
        think(random, pauses);
    }

    /**
     * A user's pause between two requests of the list reads ({@code --think}, milliseconds, mean): between half and
     * one and a half of it, at random, so that the users do not fall into step. 0 (the default): no pause, every
     * user sends its next request as soon as the last one answered.
     */
    private void think(java.util.Random random, boolean pauses) throws InterruptedException {
        if (pauses && thinkMillis > 0) {
            Thread.sleep(thinkMillis / 2 + random.nextLong(thinkMillis + 1)); // Random is thread-safe
        }
    }

    /** The table's columns. */
    private static List<String> columns(java.sql.Connection db, String table) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        try (var rs = db.getMetaData().getColumns(null, "public", table, null)) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    /**
     * The jobs the engine completed from the intake to the export, per second, and its ratio to the bare-engine
     * baseline on the same models (asked for after memory was measured: the count reads the engine's log).
     */
    private String jobThroughput(long startedAt, long endedAt) throws Exception {
        if (engineStats == null) {
            return "";
        }
        HttpResponse<String> counted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                engineStats + "?from=" + startedAt + "&to=" + endedAt)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.Properties engine = new java.util.Properties();
        engine.load(new java.io.StringReader(counted.body()));
        long jobs = Long.parseLong(engine.getProperty("jobsCompleted"));
        double perSecond = jobs / ((endedAt - startedAt) / 1e3);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "| jobs completed by the engine (real workers and people) | %d in %.1f s = %.1f jobs/s |%n", jobs,
                (endedAt - startedAt) / 1e3, perSecond));
        java.util.Properties b = new java.util.Properties();
        if (baseline != null && Files.exists(baseline)) {
            try (var in = Files.newInputStream(baseline)) {
                b.load(in);
            }
            double base = Double.parseDouble(b.getProperty("jobsPerSecond"));
            s.append(String.format(Locale.ROOT, "| bare-engine baseline (no-op workers, same models, N = %s) | %s jobs in %s s = %.1f jobs/s |%n",
                    b.getProperty("n"), b.getProperty("jobs"), b.getProperty("seconds"), base));
            s.append(String.format(Locale.ROOT, "| ratio real / baseline (target ≥ 0.5) | %.2f |%n", perSecond / base));
        }
        // the engine's work beside the jobs: held user tasks handed out again when their timeout runs out, the
        // workers' polls that activated jobs, and the records written per completed job (the baseline's beside it)
        s.append(String.format(Locale.ROOT, "| engine: jobs timed out (handed out again) | %s%s |%n",
                engine.getProperty("jobsTimedOut", "—"), besideBaseline(b, "jobsTimedOut")));
        s.append(String.format(Locale.ROOT, "| engine: job batches activated | %s%s |%n",
                engine.getProperty("jobBatchesActivated", "—"), besideBaseline(b, "jobBatchesActivated")));
        s.append(String.format(Locale.ROOT, "| engine: commands + events written per completed job | %s%s |%n",
                perJob(engine), b.containsKey("commands") ? " (baseline " + perJob(b) + ")" : ""));
        return s.toString();
    }

    private static String besideBaseline(java.util.Properties baseline, String key) {
        return baseline.containsKey(key) ? " (baseline " + baseline.getProperty(key) + ")" : "";
    }

    /** Records the engine wrote per completed job, from {@code commands}, {@code events} and the jobs completed. */
    private static String perJob(java.util.Properties counts) {
        if (!counts.containsKey("commands")) {
            return "—";
        }
        long jobs = Long.parseLong(counts.getProperty("jobsCompleted", counts.getProperty("jobs", "0")));
        long records = Long.parseLong(counts.getProperty("commands")) + Long.parseLong(counts.getProperty("events"));
        return jobs == 0 ? "—" : String.format(Locale.ROOT, "%.1f", (double) records / jobs);
    }

    interface Step {
        void run() throws Exception;
    }

    interface Indexed {
        void run(int i) throws Exception;
    }

    interface TaskWork {
        void run(String user, Map<String, Object> task) throws Exception;
    }

    private long timed(String phase, Step step) throws Exception {
        CpuShares before = CpuShares.now(pids);
        long t = System.nanoTime();
        step.run();
        long elapsed = System.nanoTime() - t;
        phases.put(phase, String.format(Locale.ROOT, "%.1f s", elapsed / 1e9));
        if (!pids.isEmpty()) {
            CpuShares used = CpuShares.now(pids).since(before);
            cpu.put(phase, String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f%% |", phase,
                    elapsed / 1e9, used.application(), used.engineThreads(), used.postgres(), used.driver(),
                    100 * used.machineBusy() / used.machineTotal()));
        }
        ProcessStats now = stats();
        System.out.printf(Locale.ROOT, "%s: %.1f s (application RSS %d MB, peak %d MB)%n", phase, elapsed / 1e9,
                now.rssKb() / 1024, now.peakRssKb() / 1024);
        return elapsed;
    }

    private void parallel(int count, Indexed body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    body.run(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Users poll their task lists and work the tasks of one step of this round's cases, each task once, until the
     * expected number is done (or nothing moves for two minutes).
     */
    private void work(List<String> workers, String step, Set<String> done, int wanted, TaskWork body)
            throws Exception {
        work(workers, step, done, wanted, () -> false, body);
    }

    /**
     * As above; {@code over} (asked at most once a second while nobody has a task) tells that no more tasks of the
     * step will come, e.g. the round has left its review.
     */
    private void work(List<String> workers, String step, Set<String> done, int wanted,
            java.util.concurrent.Callable<Boolean> over, TaskWork body) throws Exception {
        // a negative number: up to that many, as many as come (a step the model may skip)
        int expected = Math.abs(wanted);
        // when the last task was worked (or the step began): the users give up after 2 minutes without one (20 s for
        // a step the model may skip)
        java.util.concurrent.atomic.AtomicLong lastWorked = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        long patience = (wanted > 0 ? Duration.ofMinutes(2) : Duration.ofSeconds(20)).toNanos();
        java.util.concurrent.atomic.AtomicLong lastAsked = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Set<String> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                // each concurrent user works the lists of every users-th worker in turn, so that fewer concurrent
                // users than workers still reach every worker's tasks
                List<String> mine = new ArrayList<>();
                for (int w = u; w < Math.max(users, workers.size()); w += users) {
                    mine.add(workers.get(w % workers.size()));
                }
                AtomicInteger turn = new AtomicInteger();
                futures.add(pool.submit(() -> {
                    while (done.size() < expected && !finished.get()
                            && System.nanoTime() - lastWorked.get() < patience) {
                        String user = mine.get(Math.floorMod(turn.getAndIncrement(), mine.size()));
                        // the user's list of this step, a page at a time, filtered by the server
                        List<Map<String, Object>> tasks = list("task list", user, "/api/tasks?taskType=" + step
                                + "&size=50");
                        boolean worked = false;
                        for (Map<String, Object> t : tasks) {
                            if (step.equals(t.get("taskType")) && taken.add(t.get("id").toString())) {
                                body.run(user, t);
                                done.add(t.get("id").toString());
                                worked = true;
                                lastWorked.set(System.nanoTime());
                            }
                        }
                        if (!worked) {
                            long now = System.nanoTime();
                            long asked = lastAsked.get();
                            if (now - asked > 1_000_000_000L && lastAsked.compareAndSet(asked, now) && over.call()) {
                                finished.set(true);
                            }
                            // nothing on the list: the user looks again in half a second, as a person would
                            Thread.sleep(500);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (done.size() < expected && wanted > 0) {
            throw new IllegalStateException(step + ": " + done.size() + " of " + expected + " done, then nothing moved");
        }
        phases.put(step + " tasks", String.valueOf(done.size()));
    }

    private void awaitRound(String round, String status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object now = call("round", "officer", "GET", "/api/rounds/" + round, null).get("status");
            if (status.equals(now) || "CLOSED".equals(now)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("round " + round + " did not reach " + status + " within " + timeout);
    }

    private void awaitTasks(String user, String form, String round, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = session(user).send(HttpRequest.newBuilder(URI.create(base() + "/api/tasks?form="
                    + form + "&roundId=" + round + "&size=1")).header("X-XSRF-TOKEN", csrf(cookies.get(user))).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (Integer.parseInt(page.headers().firstValue("X-Total-Count").orElse("0")) >= expected) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(expected + " " + form + " tasks did not appear within " + timeout);
    }

    private void awaitPayouts(Set<String> cases, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long paid = list("payouts", "finance", "/api/payouts").stream()
                    .filter(p -> cases.contains(String.valueOf(p.get("caseId")))).count();
            if (paid >= cases.size()) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException(cases.size() + " payouts were not executed within " + timeout);
    }

    private List<Map<String, Object>> conditions() throws Exception {
        for (Map<String, Object> m : list("measures", "applicant", "/api/measures")) {
            if (MEASURE.equals(m.get("id"))) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> c = (List<Map<String, Object>>) m.get("conditions");
                return c;
            }
        }
        throw new IllegalStateException("measure " + MEASURE + " is not offered");
    }

    private String openRound() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "性能测试批次 benchmark round " + System.currentTimeMillis());
        body.put("measures", List.of(MEASURE));
        body.put("windowCloses", windowCloses.toString());
        body.put("budgets", Map.of());
        body.put("unlimited", List.of(MEASURE));
        body.put("unlimitedReason", "性能测试 benchmark round without a budget limit");
        return call("open round", "officer", "POST", "/api/rounds", body).get("id").toString();
    }

    private static Map<String, Object> application(String round, int i, List<Map<String, Object>> conditions) {
        String enterprise = "深圳市基准测试企业" + i + "有限公司";
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map<String, Object> c : conditions) {
            @SuppressWarnings("unchecked")
            Map<String, Object> evidence = (Map<String, Object>) c.get("evidence");
            switch (evidence.get("type").toString()) {
                case "DECLARATION" -> answers.put(c.get("id").toString(), true);
                case "FIGURE", "COUNT" -> answers.put(c.get("id").toString(), evidence.get("min"));
                case "DATE_WITHIN" -> answers.put(c.get("id").toString(), Map.of("from", "2026-01-05", "to", "2026-06-30"));
                default -> {
                    // a document condition is answered by its document, filed at the formal check
                }
            }
        }
        return Map.of("roundId", round, "measureId", MEASURE,
                "applicant", Map.of("name", enterprise, "creditCode", creditCode(i)),
                "project", Map.of("title", "基准测试项目 " + i), "payee", Map.of("accountName", enterprise,
                        "account", "755912345610001", "bank", "招商银行深圳分行", "bankCode", "308584000013"),
                "inputs", Map.of("INVESTMENT", "1000000.00"), "eligibility", answers);
    }

    /** A distinct 统一社会信用代码 per application (GB 32100-2015 check character). */
    static String creditCode(int i) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        String first = String.format(Locale.ROOT, "91440300MA%07d", i);
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += alphabet.indexOf(first.charAt(k)) * weights[k];
        }
        return first + alphabet.charAt((31 - sum % 31) % 31);
    }

    /** The officer's approval: files each document condition's document, marks what the system did not mark met. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> approval(String user, String caseId, Map<String, Object> view) throws Exception {
        Map<String, Object> marks = new LinkedHashMap<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) view.get("conditions")) {
            if ("DOCUMENT".equals(c.get("evidence")) && ((List<?>) c.get("documents")).isEmpty()) {
                upload(user, caseId, c.get("kind").toString());
            }
            if (!"MET".equals(c.get("systemMark"))) {
                marks.put(c.get("id").toString(), Map.of("met", true, "note", "已核验 verified"));
            }
        }
        return Map.of("outcome", "APPROVE", "variables", Map.of("conditions", marks));
    }

    private void upload(String user, String caseId, String kind) throws Exception {
        String boundary = "----bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + kind
                + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 benchmark\r\n--" + boundary + "--\r\n";
        send("upload", user, HttpRequest.newBuilder(URI.create(base() + "/api/cases/" + caseId + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Map<String, Object> call(String operation, String user, String method, String path, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        String response = send(operation, user, request);
        return response.isBlank() ? Map.of() : JSON.readValue(response, MAP);
    }

    /**
     * The application's {@code grants.engine.answer} timer (EngineCommandRelay), by whether the request still waited
     * for the answer: count and total seconds, then the max and the p50 and p99 (of the last 30 minutes) in
     * seconds; empty when the metrics are not exposed (MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE).
     */
    private Map<String, double[]> engineAnswers() {
        Map<String, double[]> answers = new LinkedHashMap<>();
        try {
            for (String answered : List.of("in-request", "after-request")) {
                Map<String, Double> timer = metric("grants.engine.answer", "answered:" + answered);
                answers.put(answered, new double[] {timer.getOrDefault("COUNT", 0.0),
                        timer.getOrDefault("TOTAL_TIME", 0.0), timer.getOrDefault("MAX", 0.0),
                        metric("grants.engine.answer.percentile", "answered:" + answered, "phi:0.5")
                                .getOrDefault("VALUE", 0.0),
                        metric("grants.engine.answer.percentile", "answered:" + answered, "phi:0.99")
                                .getOrDefault("VALUE", 0.0)});
            }
        } catch (Exception e) {
            return Map.of();
        }
        return answers;
    }

    private Map<String, Double> metric(String name, String... tags) throws Exception {
        StringBuilder path = new StringBuilder("/actuator/metrics/" + name + "?");
        for (String tag : tags) {
            path.append("tag=").append(java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
        }
        HttpResponse<String> response = session("officer").send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new LinkedHashMap<>();
        if (response.statusCode() != 200) {
            return values;
        }
        for (Object m : (List<?>) JSON.readValue(response.body(), MAP).get("measurements")) {
            Map<?, ?> measurement = (Map<?, ?>) m;
            values.put(measurement.get("statistic").toString(), ((Number) measurement.get("value")).doubleValue());
        }
        return values;
    }

    /** Report rows: how the engine answered the round's completed tasks, while and after their requests waited. */
    private static String engineAnswerRows(Map<String, double[]> before, Map<String, double[]> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "";
        }
        StringBuilder rows = new StringBuilder();
        for (String answered : after.keySet()) {
            double[] a = after.get(answered);
            double[] b = before.getOrDefault(answered, new double[5]);
            double count = a[0] - b[0];
            rows.append(String.format(Locale.ROOT, "| engine answers to completed tasks %s | %.0f, mean %.0f ms "
                    + "(this round); p50 %.0f ms, p99 %.0f ms, max %.0f ms (the last 30 minutes, with the warm-up) |%n",
                    answered.equals("in-request") ? "while the request waited" : "after the request answered 202",
                    count, count == 0 ? 0 : 1000 * (a[1] - b[1]) / count, 1000 * a[3], 1000 * a[4], 1000 * a[2]));
        }
        return rows.toString();
    }

    private List<Map<String, Object>> list(String operation, String user, String path) throws Exception {
        return JSON.readValue(send(operation, user, HttpRequest.newBuilder(URI.create(base() + path))
                .header("Accept", "application/json").GET()), LIST);
    }

    /**
     * The user's signed-in client: as the pages do, it fetches the CSRF cookie, signs in with the form once and keeps
     * the session (HTTP Basic on every request would check the password, a BCrypt hash, on every request).
     */
    private HttpClient session(String user) throws IOException, InterruptedException {
        HttpClient existing = sessions.get(user);
        if (existing != null) {
            return existing;
        }
        synchronized (sessions) {
            if (sessions.containsKey(user)) {
                return sessions.get(user);
            }
            java.net.CookieManager jar = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).cookieHandler(jar)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            client.send(HttpRequest.newBuilder(URI.create(base() + "/login.html")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            client.send(HttpRequest.newBuilder(URI.create(base() + "/api/measures")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String form = "username=" + user + "&password=" + user + "&_csrf=" + csrf(jar);
            long t = System.nanoTime();
            HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElse("");
            boolean ok = signedIn.statusCode() == 302 && !location.contains("error");
            latencies.record("sign in", System.nanoTime() - t, ok);
            if (!ok) {
                throw new IllegalStateException("sign-in of " + user + ": HTTP " + signedIn.statusCode() + " " + location);
            }
            cookies.put(user, jar);
            sessions.put(user, client);
            return client;
        }
    }

    private static String csrf(java.net.CookieManager jar) {
        return jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).reduce((a, b) -> b).orElse("");
    }

    private String send(String operation, String user, HttpRequest.Builder request) throws IOException,
            InterruptedException {
        HttpClient http = session(user);
        // one bulk action may work on thousands of tasks: it is timed, not cut off at a minute
        request.header("X-XSRF-TOKEN", csrf(cookies.get(user)))
                .timeout(operation.equals("approve all") ? Duration.ofMinutes(15) : Duration.ofSeconds(60));
        long t = System.nanoTime();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean ok = response.statusCode() / 100 == 2;
        latencies.record(operation, System.nanoTime() - t, response.statusCode());
        if (!ok) {
            throw new IllegalStateException(operation + " " + request.build().uri() + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
        return response.body();
    }
}
