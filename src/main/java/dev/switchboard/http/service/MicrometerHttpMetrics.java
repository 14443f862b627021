package dev.switchboard.http.service;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.metrics.Latency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counts one listener's responses in {@value GatewayMeters#HTTP_REQUESTS} and times their requests in
 * {@value #REQUEST_DURATION}, tagged with the listener and the status class ({@code 1xx} … {@code 5xx}),
 * so the series count is fixed.
 */
public final class MicrometerHttpMetrics implements HttpMetrics {

    /** Request head decoded → response head written (histogram, seconds; tags listener, status class). */
    public static final String REQUEST_DURATION = "switchboard.http.request.duration";

    private final Counter[] byClass = new Counter[5];
    private final Timer[] durations = new Timer[5];

    /** Registers the five counters and timers of {@code listener}. */
    public MicrometerHttpMetrics(MeterRegistry registry, String listener) {
        for (int i = 0; i < byClass.length; i++) {
            Tags tags = Tags.of(GatewayMeters.Tags.LISTENER, listener, GatewayMeters.Tags.STATUS, (i + 1) + "xx");
            byClass[i] = Counter.builder(GatewayMeters.HTTP_REQUESTS)
                    .description("HTTP responses by status class")
                    .tags(tags)
                    .register(registry);
            durations[i] = Latency.NETWORK.timer(registry, REQUEST_DURATION,
                    "Time from an HTTP request head being read to its response head being written, by status class",
                    tags);
        }
    }

    @Override
    public void responseSent(int status) {
        responseSent(status, -1);
    }

    @Override
    public void responseSent(int status, long elapsedNanos) {
        int index = status / 100 - 1;
        if (index >= 0 && index < byClass.length) {
            byClass[index].increment();
            if (elapsedNanos >= 0) {
                durations[index].record(elapsedNanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
