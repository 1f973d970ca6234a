package cn.grants.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and memory of the application's process, read from /proc (Linux): user+system CPU seconds, the resident
 * set now and its peak (VmHWM).
 */
record ProcessStats(double cpuSeconds, long rssKb, long peakRssKb) {

    static ProcessStats of(long pid) {
        if (pid <= 0) {
            return new ProcessStats(Double.NaN, -1, -1);
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return new ProcessStats(ticks / 100.0, rss, hwm);
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(Double.NaN, -1, -1);
        }
    }
}
