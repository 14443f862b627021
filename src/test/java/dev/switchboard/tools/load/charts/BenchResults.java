package dev.switchboard.tools.load.charts;

import dev.switchboard.tools.load.LoadReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Raw benchmark outputs under {@code src/bench/results/<chart>/<series>/c<connections>-r<run>.txt},
 * each either a load-driver report or a {@code wrk --latency} output, reduced to the figures the
 * charts and tables use.
 */
final class BenchResults {

    /** One run's figures; NaN where the run did not measure it. */
    record Run(int connections, double perSecond, double p50Us, double p99Us, double p999Us, long lost,
            double cpuUsPerDelivery, double rssPerConnection, double heapPerConnection) {
    }

    private static final Pattern FILE = Pattern.compile("c(\\d+)-r\\d+\\.txt");
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern WRK_ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private BenchResults() {
    }

    /** chart → series → connections → runs, all sorted. */
    static Map<String, Map<String, Map<Integer, List<Run>>>> load(Path root) {
        Map<String, Map<String, Map<Integer, List<Run>>>> charts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (!m.matches() || root.relativize(file).getNameCount() != 3) {
                    continue;
                }
                String chart = file.getParent().getParent().getFileName().toString();
                String series = file.getParent().getFileName().toString();
                int connections = Integer.parseInt(m.group(1));
                Run run = parse(connections, Files.readString(file));
                charts.computeIfAbsent(chart, k -> new TreeMap<>())
                        .computeIfAbsent(series, k -> new TreeMap<>())
                        .computeIfAbsent(connections, k -> new ArrayList<>())
                        .add(run);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return charts;
    }

    static Run parse(int connections, String text) {
        if (text.contains(LoadReport.HEADER)) {
            LoadReport r = LoadReport.parse(List.of(text.split("\n")));
            return new Run(connections, num(r.get("deliveries_per_s")), num(r.get("latency_us_p50")),
                    num(r.get("latency_us_p99")), num(r.get("latency_us_p999")),
                    r.get("lost") == null ? 0 : Long.parseLong(r.get("lost")),
                    num(r.get("server_cpu_us_per_delivery")), num(r.get("server_rss_per_connection_bytes")),
                    num(r.get("server_heap_per_connection_bytes")));
        }
        Matcher rate = WRK_RATE.matcher(text);
        if (!rate.find()) {
            throw new IllegalArgumentException("neither a load report nor wrk output");
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pm = WRK_PERCENTILE.matcher(text);
        while (pm.find()) {
            double us = Double.parseDouble(pm.group(2)) * switch (pm.group(3)) {
                case "us" -> 1;
                case "ms" -> 1e3;
                default -> 1e6;
            };
            if (pm.group(1).equals("50")) {
                p50 = us;
            } else {
                p99 = us;
            }
        }
        long errors = 0;
        Matcher em = WRK_ERRORS.matcher(text);
        while (em.find()) {
            for (int g = 1; g <= em.groupCount(); g++) {
                if (em.group(g) != null) {
                    errors += Long.parseLong(em.group(g));
                }
            }
        }
        return new Run(connections, Double.parseDouble(rate.group(1)), p50, p99, Double.NaN, errors,
                Double.NaN, Double.NaN, Double.NaN);
    }

    private static double num(String value) {
        if (value == null || value.equals("n/a")) {
            return Double.NaN;
        }
        return Double.parseDouble(value);
    }

    static double median(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double min(double[] values) {
        return java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }
}
