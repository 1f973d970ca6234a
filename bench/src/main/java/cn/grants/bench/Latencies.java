package cn.grants.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Response times per operation (milliseconds), with their percentiles (nearest rank), error counts and how many were
 * answered 202 (recorded, the engine's answer not awaited).
 */
final class Latencies {

    private final Map<String, List<Double>> samples = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final Map<String, Integer> accepted = new ConcurrentHashMap<>();

    void record(String operation, long nanos, int status) {
        record(operation, nanos, status / 100 == 2);
        if (status == 202) {
            accepted.merge(operation, 1, Integer::sum);
        }
    }

    void record(String operation, long nanos, boolean ok) {
        samples.computeIfAbsent(operation, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos / 1e6);
        if (!ok) {
            errors.merge(operation, 1, Integer::sum);
        }
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** A Markdown table: operation, count, errors, answered 202, p50, p95, p99, max. */
    String table() {
        StringBuilder out = new StringBuilder("| operation | n | errors | 202 | p50 ms | p95 ms | p99 ms | max ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : new TreeMap<>(samples).entrySet()) {
            List<Double> sorted;
            synchronized (e.getValue()) {
                sorted = new ArrayList<>(e.getValue());
            }
            Collections.sort(sorted);
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f | %.0f | %.0f |%n", e.getKey(),
                    sorted.size(), errors.getOrDefault(e.getKey(), 0), accepted.getOrDefault(e.getKey(), 0),
                    percentile(sorted, 50), percentile(sorted, 95),
                    percentile(sorted, 99), sorted.get(sorted.size() - 1)));
        }
        return out.toString();
    }
}
