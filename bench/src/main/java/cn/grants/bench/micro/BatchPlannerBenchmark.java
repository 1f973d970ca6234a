package cn.grants.bench.micro;

import cn.grants.domain.budgets.BatchPlan;
import cn.grants.domain.budgets.Budget;
import cn.grants.domain.budgets.BudgetService;
import cn.grants.domain.catalogue.BatchCut;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The batch planner: a round's cases against an oversubscribed budget, cut pro rata or funded in score order. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatchPlannerBenchmark {

    @Param({"2000", "10000"})
    int cases;

    @Param({"PRO_RATA", "RANKED"})
    BatchCut cut;

    Budget budget;
    Map<UUID, BigDecimal> requests;
    Map<UUID, BigDecimal> scores;

    @Setup
    public void round() {
        requests = new LinkedHashMap<>();
        scores = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < cases; i++) {
            UUID id = new UUID(0, i);
            BigDecimal amount = BigDecimal.valueOf(100_000 + (i * 7919L) % 900_000, 0).setScale(2);
            requests.put(id, amount);
            scores.put(id, BigDecimal.valueOf(60 + (i * 31L) % 40));
            total = total.add(amount);
        }
        // two thirds of what is asked: the batch is cut
        budget = new Budget("bench", 2026, total.multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(3), 2,
                java.math.RoundingMode.DOWN), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Benchmark
    public BatchPlan plan() {
        return BudgetService.plan(budget, requests, cut, scores);
    }
}
