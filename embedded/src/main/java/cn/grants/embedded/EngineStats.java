package cn.grants.embedded;

import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamReader;
import io.camunda.zeebe.logstreams.log.LoggedEvent;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.JobBatchIntent;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the development engine did, for the benchmark's job throughput (docs/performance.md): the jobs completed in a
 * time window, counted from the engine's log, with the jobs timed out, the job batches activated and the records
 * written. Served on the loopback interface as {@code GET /jobs?from=&to=} (epoch milliseconds) → one
 * {@code name=value} line each ({@link Counts}), when the benchmark asks for it (env {@code ENGINE_STATS_PORT}).
 * The log is read in place, one event at a time; the benchmark asks once, after it has measured memory.
 */
public final class EngineStats implements AutoCloseable {

    private final HttpServer server;

    private EngineStats(HttpServer server) {
        this.server = server;
    }

    /** Jobs completed (events, not commands) with a timestamp in [{@code fromMillis}, {@code toMillis}]. */
    public static long jobsCompleted(InMemoryEngine engine, long fromMillis, long toMillis) {
        return counts(engine.engine(), fromMillis, toMillis).jobsCompleted();
    }

    static long jobsCompleted(ZeebeTestEngine engine, long fromMillis, long toMillis) {
        return counts(engine, fromMillis, toMillis).jobsCompleted();
    }

    /**
     * What the engine did in a window: the jobs completed, the jobs whose timeout ran out (handed out again: a user
     * task the inbox holds, every timeout, until someone completes it), the job batches activated for the workers'
     * polls, and every command and event it wrote (its work in records).
     */
    public record Counts(long jobsCompleted, long jobsTimedOut, long jobBatchesActivated, long commands, long events) {

        /** One {@code name=value} line each. */
        String lines() {
            return "jobsCompleted=" + jobsCompleted + "\njobsTimedOut=" + jobsTimedOut + "\njobBatchesActivated="
                    + jobBatchesActivated + "\ncommands=" + commands + "\nevents=" + events + "\n";
        }
    }

    /** The counts of the records with a timestamp in [{@code fromMillis}, {@code toMillis}]. */
    public static Counts counts(InMemoryEngine engine, long fromMillis, long toMillis) {
        return counts(engine.engine(), fromMillis, toMillis);
    }

    static Counts counts(ZeebeTestEngine engine, long fromMillis, long toMillis) {
        long completed = 0;
        long timedOut = 0;
        long batches = 0;
        long commands = 0;
        long events = 0;
        RecordMetadata metadata = new RecordMetadata();
        try (LogStreamReader reader = logStream(engine).newLogStreamReader()) {
            reader.seekToFirstEvent();
            while (reader.hasNext()) {
                LoggedEvent event = reader.next();
                if (event.getTimestamp() < fromMillis || event.getTimestamp() > toMillis) {
                    continue;
                }
                metadata.reset();
                event.readMetadata(metadata);
                if (metadata.getRecordType() == RecordType.COMMAND) {
                    commands++;
                    continue;
                }
                if (metadata.getRecordType() != RecordType.EVENT) {
                    continue;
                }
                events++;
                if (metadata.getValueType() == ValueType.JOB && metadata.getIntent() == JobIntent.COMPLETED) {
                    completed++;
                } else if (metadata.getValueType() == ValueType.JOB && metadata.getIntent() == JobIntent.TIMED_OUT) {
                    timedOut++;
                } else if (metadata.getValueType() == ValueType.JOB_BATCH
                        && metadata.getIntent() == JobBatchIntent.ACTIVATED) {
                    batches++;
                }
            }
        }
        return new Counts(completed, timedOut, batches, commands, events);
    }

    /** The engine's log, read in place: a round's log holds hundreds of thousands of records. */
    private static LogStream logStream(ZeebeTestEngine engine) {
        try {
            java.lang.reflect.Field field = engine.getClass().getDeclaredField("logStream");
            field.setAccessible(true);
            return (LogStream) field.get(engine);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the development engine's log (zeebe-process-test changed "
                    + "its internals?): " + e, e);
        }
    }

    /** Serves the counts on 127.0.0.1:{@code port} ({@code 0}: a free port). */
    public static EngineStats serve(InMemoryEngine engine, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/jobs", exchange -> {
            Map<String, String> query = new HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
            byte[] body;
            int status;
            try {
                long from = Long.parseLong(query.getOrDefault("from", "0"));
                long to = Long.parseLong(query.getOrDefault("to", String.valueOf(Long.MAX_VALUE)));
                body = counts(engine, from, to).lines().getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (NumberFormatException e) {
                body = "from and to are epoch milliseconds\n".getBytes(StandardCharsets.UTF_8);
                status = 400;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new EngineStats(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
