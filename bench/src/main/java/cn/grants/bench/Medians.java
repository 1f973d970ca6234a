package cn.grants.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The median of several round reports ({@link RoundDriver}'s markdown): every number in a table row is replaced by
 * the median of that number over the runs (the row found by its first cell); the phase table gets a column with each
 * run's value, so the spread shows. Rows that a run lacks, or whose numbers differ in count, stay as the first run
 * has them, marked.
 *
 * <pre>java -cp … cn.grants.bench.Medians bench/target/round-median.md round-report-1.md round-report-2.md …</pre>
 */
public final class Medians {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Medians() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Medians OUT.md REPORT.md…");
            System.exit(2);
        }
        List<List<String>> runs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            runs.add(Files.readAllLines(Path.of(args[i])));
        }
        String report = of(runs);
        Files.writeString(Path.of(args[0]), report);
        System.out.println(report);
    }

    /** The median report of these runs' reports (the lines of each). */
    static String of(List<List<String>> runs) {
        List<Map<String, String>> rows = runs.stream().map(Medians::rows).toList();
        StringBuilder out = new StringBuilder();
        int table = 0;
        boolean inTable = false;
        for (String line : runs.get(0)) {
            if (line.startsWith("|") && !inTable) {
                table++;
            }
            inTable = line.startsWith("|");
            if (line.startsWith("# ")) {
                out.append(line).append(": median of ").append(runs.size()).append(" runs\n");
            } else if (line.equals("| phase | value |")) {
                out.append("| phase | median | runs |\n");
            } else if (line.equals("|---|---|")) {
                out.append("|---|---|---|\n");
            } else if (!line.startsWith("| ") || line.startsWith("| operation |")) {
                out.append(line).append('\n');
            } else {
                String key = table + ":" + cells(line).get(0);
                List<String> same = rows.stream().map(r -> r.get(key)).toList();
                String median = median(line, same);
                if (cells(line).size() == 2) {
                    List<String> values = same.stream().map(l -> l == null ? "—" : cells(l).get(1)).toList();
                    out.append(median, 0, median.length() - 1).append("| ").append(String.join(" · ", values))
                            .append(" |\n");
                } else {
                    out.append(median).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The table rows of a report by their table (counted from 1) and first cell. */
    private static Map<String, String> rows(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        int table = 0;
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("|") && !inTable) {
                table++;
            }
            inTable = line.startsWith("|");
            if (line.startsWith("| ")) {
                rows.putIfAbsent(table + ":" + cells(line).get(0), line);
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    /** The row with each number after its first cell replaced by the median over the runs' rows. */
    static String median(String line, List<String> runs) {
        int keyEnd = line.indexOf('|', 1);
        List<List<String>> numbers = new ArrayList<>();
        for (String run : runs) {
            if (run == null) {
                return line + " (not in every run)";
            }
            numbers.add(numbers(run.substring(run.indexOf('|', 1))));
        }
        String rest = line.substring(keyEnd);
        List<String> first = numbers(rest);
        if (numbers.stream().anyMatch(n -> n.size() != first.size())) {
            return line + " (differs in form between runs)";
        }
        StringBuilder out = new StringBuilder(line.substring(0, keyEnd));
        Matcher m = NUMBER.matcher(rest);
        int at = 0;
        int index = 0;
        while (m.find()) {
            out.append(rest, at, m.start());
            List<BigDecimal> values = new ArrayList<>();
            for (List<String> run : numbers) {
                values.add(new BigDecimal(run.get(index)));
            }
            int scale = Math.max(0, new BigDecimal(m.group()).scale());
            out.append(median(values).setScale(scale, RoundingMode.HALF_UP).toPlainString());
            at = m.end();
            index++;
        }
        return out.append(rest.substring(at)).toString();
    }

    private static List<String> numbers(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
    }
}
