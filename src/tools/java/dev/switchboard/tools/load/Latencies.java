package dev.switchboard.tools.load;

import org.HdrHistogram.Histogram;

/** Puts a latency histogram (recorded in nanoseconds) into a report as microsecond percentiles. */
final class Latencies {

    private Latencies() {
    }

    static void put(LoadReport report, Histogram nanos) {
        report.put("latency_count", nanos.getTotalCount());
        if (nanos.getTotalCount() == 0) {
            return;
        }
        report.put("latency_us_p50", nanos.getValueAtPercentile(50) / 1e3)
                .put("latency_us_p99", nanos.getValueAtPercentile(99) / 1e3)
                .put("latency_us_p999", nanos.getValueAtPercentile(99.9) / 1e3)
                .put("latency_us_max", nanos.getMaxValue() / 1e3);
    }
}
