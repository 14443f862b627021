package dev.switchboard.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The gateway's latency histograms: every one is a Micrometer {@link Timer} in seconds with explicit
 * buckets (Prometheus {@code <name>_seconds_bucket{le=…}}, {@code _sum}, {@code _count}), so dashboards
 * can compute quantiles across instances and the series count per timer is fixed.
 */
public enum Latency {

    /** Work inside the gateway (fan-out, delivery lag, command handling): 50 µs to 2.5 s. */
    INTERNAL(micros(50), micros(100), micros(250), micros(500), millis(1), millis(2.5), millis(5), millis(10),
            millis(25), millis(50), millis(100), millis(250), millis(500), millis(1000), millis(2500)),
    /** Round trips over the network and whole requests: 1 ms to 10 s. */
    NETWORK(millis(1), millis(2.5), millis(5), millis(10), millis(25), millis(50), millis(100), millis(250),
            millis(500), millis(1000), millis(2500), millis(5000), millis(10000));

    private final Duration[] buckets;

    Latency(Duration... buckets) {
        this.buckets = buckets;
    }

    /** Registers (or finds) the timer {@code name} with this bucket layout. */
    public Timer timer(MeterRegistry registry, String name, String help, Tags tags) {
        return Timer.builder(name)
                .description(help)
                .tags(tags)
                .serviceLevelObjectives(buckets)
                .minimumExpectedValue(buckets[0])
                .maximumExpectedValue(buckets[buckets.length - 1])
                .register(registry);
    }

    private static Duration micros(long micros) {
        return Duration.ofNanos(micros * 1_000);
    }

    private static Duration millis(double millis) {
        return Duration.ofNanos((long) (millis * 1_000_000));
    }
}
