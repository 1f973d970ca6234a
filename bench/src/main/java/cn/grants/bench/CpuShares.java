package cn.grants.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the machine's CPU went, read from /proc (Linux), in CPU seconds since boot: the application's processes, of
 * that their engine's actor threads ({@code zb-actors-*}), the machine's PostgreSQL processes, this driver, and the
 * whole machine (busy and total, all cores). The difference of two readings tells what a phase cost.
 */
record CpuShares(double application, double engineThreads, double postgres, double driver, double machineBusy,
        double machineTotal) {

    private static final double TICKS = 100.0; // USER_HZ

    static CpuShares now(List<Long> pids) {
        double application = 0;
        double engine = 0;
        double postgres = 0;
        for (long pid : pids) {
            application += ProcessStats.of(pid).cpuSeconds();
            engine += threads(pid, "zb-actors");
        }
        // the machine's PostgreSQL processes: the application's own (embedded) or the shared one (round2, lists)
        postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToDouble(p -> ProcessStats.of(p.pid()).cpuSeconds()).filter(d -> !Double.isNaN(d)).sum();
        double driver = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(0.0);
        double busy = 0;
        double total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                double v = Long.parseLong(cpu[i]) / TICKS;
                total += v;
                if (i != 4 && i != 5) { // idle and iowait
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            busy = Double.NaN;
            total = Double.NaN;
        }
        return new CpuShares(application, engine, postgres, driver, busy, total);
    }

    /** The CPU seconds of the process's threads whose name starts with {@code prefix}. */
    private static double threads(long pid, String prefix) {
        double seconds = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return seconds;
    }

    /** What happened between {@code before} and this reading. */
    CpuShares since(CpuShares before) {
        return new CpuShares(application - before.application, engineThreads - before.engineThreads,
                postgres - before.postgres, driver - before.driver, machineBusy - before.machineBusy,
                machineTotal - before.machineTotal);
    }
}
