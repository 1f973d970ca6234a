package cn.grants.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the application's CPU went, from a Java Flight Recorder file of the running application (JFR's execution
 * samples: every few milliseconds, the stack of each thread running Java code). It prints, as markdown:
 * <ol>
 * <li>the share of samples per thread group (thread names with their numbers folded: {@code http-nio-N-exec-N} are the
 * request threads, {@code zb-actors-N} the engine's thread, {@code pool-N-thread-N} the job workers,
 * {@code grpc-*} the gRPC between the client and the in-process engine);</li>
 * <li>for the request threads and the job workers: each sample charged to the innermost frame of our own code
 * ({@code cn.grants}), so a controller, service or filter shows with what it calls in libraries;</li>
 * <li>for the engine's thread: the share of samples inside each engine class that processes a record or answers a
 * request (a sample counts once per class, so the shares overlap).</li>
 * </ol>
 *
 * <pre>java -cp … cn.grants.bench.JfrProfile app.jfr [TOP]</pre>
 * <p>{@code PROFILE=1 bench/run.sh round} records the application it starts and appends this to the round's report.
 */
public final class JfrProfile {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** The engine's classes that process one kind of record, or write the gateway's answer. */
    private static final Pattern ENGINE_STEP = Pattern.compile(
            "\\.(\\w+Processor|GrpcResponseWriter|InMemoryJobStreamer|InMemoryLogStorage|ZeebeTransaction)$");

    private final Map<String, Long> byThreadGroup = new HashMap<>();
    private final Map<String, Map<String, Long>> ownFrame = new HashMap<>();
    private final Map<String, Long> engineSteps = new HashMap<>();
    private long samples;

    private JfrProfile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrProfile RECORDING.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.print(of(Path.of(args[0])).report(top));
    }

    /** Reads every execution sample of the recording. */
    public static JfrProfile of(Path recording) throws IOException {
        JfrProfile profile = new JfrProfile();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    String thread = event.getThread("sampledThread") == null ? "?"
                            : event.getThread("sampledThread").getJavaName();
                    profile.add(thread == null ? "?" : thread, event.getStackTrace());
                }
            }
        }
        return profile;
    }

    /** One sample of {@code thread} with its stack (innermost frame first). */
    void add(String thread, RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.isJavaFrame() && frame.getMethod() != null) {
                    frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                }
            }
        }
        add(thread, frames);
    }

    /** One sample of {@code thread} whose stack is {@code frames}, innermost first, each "class.method". */
    void add(String thread, List<String> frames) {
        samples++;
        String group = threadGroup(thread);
        byThreadGroup.merge(group, 1L, Long::sum);
        if (group.startsWith("zb-actors")) {
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                String type = frame.substring(0, frame.lastIndexOf('.'));
                if (ENGINE_STEP.matcher(type).find() && seen.add(type)) {
                    engineSteps.merge(type, 1L, Long::sum);
                }
            }
            return;
        }
        String own = frames.stream()
                .filter(f -> f.startsWith("cn.grants.") && !f.contains("$$SpringCGLIB$$"))
                .findFirst().orElse("(no frame of ours: library or JDK)");
        ownFrame.computeIfAbsent(group, g -> new HashMap<>()).merge(own, 1L, Long::sum);
    }

    /** A thread's name with its numbers folded, so a pool's threads count together. */
    static String threadGroup(String thread) {
        String group = DIGITS.matcher(thread).replaceAll("N");
        return group.isBlank() ? "(unnamed)" : group;
    }

    public Map<String, Long> byThreadGroup() {
        return sorted(byThreadGroup);
    }

    /** Samples of the thread group charged to the innermost frame of our code, most first. */
    public Map<String, Long> ownFrames(String group) {
        return sorted(ownFrame.getOrDefault(group, Map.of()));
    }

    /** Samples of the engine's thread inside each record processor or the gateway's answer, most first. */
    public Map<String, Long> engineSteps() {
        return sorted(engineSteps);
    }

    String report(int top) {
        StringBuilder out = new StringBuilder("\n## Where the application's CPU went (JFR execution samples)\n\n");
        out.append(samples).append(" samples of threads running Java code.\n\n| thread group | samples | share |\n"
                + "|---|---:|---:|\n");
        byThreadGroup().entrySet().stream().limit(top).forEach(e -> out.append("| ").append(e.getKey()).append(" | ")
                .append(e.getValue()).append(" | ").append(percent(e.getValue(), samples)).append(" |\n"));
        for (String group : List.of("http-nio-N-exec-N", "pool-N-thread-N")) {
            long total = byThreadGroup.getOrDefault(group, 0L);
            if (total == 0) {
                continue;
            }
            out.append("\n").append(group).append(": each sample charged to the innermost frame of our code\n\n"
                    + "| frame | share of the group |\n|---|---:|\n");
            ownFrames(group).entrySet().stream().limit(top).forEach(e -> out.append("| `").append(e.getKey())
                    .append("` | ").append(percent(e.getValue(), total)).append(" |\n"));
        }
        long engine = byThreadGroup.entrySet().stream().filter(e -> e.getKey().startsWith("zb-actors"))
                .mapToLong(Map.Entry::getValue).sum();
        if (engine > 0) {
            out.append("\nthe engine's thread (zb-actors): samples inside each class (overlapping)\n\n"
                    + "| class | share of the engine's thread |\n|---|---:|\n");
            engineSteps().entrySet().stream().limit(top).forEach(e -> out.append("| `").append(e.getKey())
                    .append("` | ").append(percent(e.getValue(), engine)).append(" |\n"));
        }
        return out.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format("%.1f%%", 100.0 * part / whole);
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
