package dev.switchboard.http.service;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts one listener's responses in {@value GatewayMeters#HTTP_REQUESTS}, tagged with the listener
 * and the status class ({@code 1xx} … {@code 5xx}), so the series count is fixed.
 */
public final class MicrometerHttpMetrics implements HttpMetrics {

    private final Counter[] byClass = new Counter[5];

    /** Registers the five counters of {@code listener}. */
    public MicrometerHttpMetrics(MeterRegistry registry, String listener) {
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = Counter.builder(GatewayMeters.HTTP_REQUESTS)
                    .description("HTTP responses by status class")
                    .tag(GatewayMeters.Tags.LISTENER, listener)
                    .tag(GatewayMeters.Tags.STATUS, (i + 1) + "xx")
                    .register(registry);
        }
    }

    @Override
    public void responseSent(int status) {
        int index = status / 100 - 1;
        if (index >= 0 && index < byClass.length) {
            byClass[index].increment();
        }
    }
}
