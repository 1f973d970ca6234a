package cn.grants.bench.micro;

import cn.grants.domain.payouts.export.Pain001Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The pain.001 writer: one credit-transfer file of many payments (validated, then written), streamed and whole.
 * Run with {@code -prof gc} to see the bytes allocated per file ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class Pain001WriterBenchmark {

    @Param({"2000", "10000"})
    int payments;

    final Pain001Writer writer = new Pain001Writer();
    final Pain001Writer.Debtor debtor = new Pain001Writer.Debtor("深圳市工业和信息化局专项资金账户",
            "440300000000000000001", "国家金库深圳分库", "011584000017", null);
    List<Pain001Writer.Line> lines;

    @Setup
    public void lines() {
        lines = new ArrayList<>();
        for (int i = 0; i < payments; i++) {
            lines.add(new Pain001Writer.Line("INSTR-" + i, "E2E-" + i, BigDecimal.valueOf(100_000 + i, 0).setScale(2),
                    "深圳市基准测试企业" + i + "有限公司", "755912345610001", "招商银行深圳分行", "308584000013",
                    "产业资助 grant tranche " + i));
        }
    }

    /** The file streamed as the export writes it (to a stream; here one that discards): flat memory. */
    @Benchmark
    public long stream() {
        CountingStream out = new CountingStream();
        writer.write("PAIN-BENCH", OffsetDateTime.parse("2026-12-02T10:00:00+08:00"), LocalDate.of(2026, 12, 2),
                debtor, lines, out);
        return out.count;
    }

    /** The file written whole into a byte array (the earlier way; for comparison). */
    @Benchmark
    public byte[] write() {
        return writer.write("PAIN-BENCH", OffsetDateTime.parse("2026-12-02T10:00:00+08:00"), LocalDate.of(2026, 12, 2),
                debtor, lines);
    }

    /** Counts what it is given and keeps nothing. */
    static final class CountingStream extends java.io.OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
