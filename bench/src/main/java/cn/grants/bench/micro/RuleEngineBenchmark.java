package cn.grants.bench.micro;

import cn.grants.domain.catalogue.Calculation;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.catalogue.SubsidyCalculator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
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
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The rule engine: one case's grant under its measure's rule (rate with a ceiling, a multi-year rule). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEngineBenchmark {

    @Param({"sz-equip-03-major-equipment-rd", "sz-newmat-07-innovation-chain-industry-chain"})
    String measureId;

    Measure measure;
    Map<String, Object> inputs = Map.of("INVESTMENT", "120000000.00");

    @Setup
    public void load() throws IOException {
        PolicyCatalogue catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
        measure = catalogue.find(measureId).orElseThrow();
    }

    @Benchmark
    public Calculation calculate() {
        return SubsidyCalculator.calculate(measure, inputs, BigDecimal.ZERO);
    }
}
