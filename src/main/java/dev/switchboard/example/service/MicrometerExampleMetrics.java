package dev.switchboard.example.service;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.MeterRegistry;

/** {@link ExampleMetrics} as Micrometer counters; tag values come only from fixed enums and constants. */
public final class MicrometerExampleMetrics implements ExampleMetrics {

    private static final String PROTOCOL = "example";

    private final MeterRegistry registry;

    public MicrometerExampleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void command(String outcome) {
        registry.counter(GatewayMeters.EXAMPLE_COMMANDS,
                GatewayMeters.Tags.PROTOCOL, PROTOCOL, GatewayMeters.Tags.OUTCOME, outcome).increment();
    }

    @Override
    public void malformed(String reason) {
        registry.counter(GatewayMeters.EXAMPLE_MALFORMED,
                GatewayMeters.Tags.PROTOCOL, PROTOCOL, GatewayMeters.Tags.REASON, reason).increment();
    }

    @Override
    public void logRotate(String outcome) {
        registry.counter(GatewayMeters.EXAMPLE_LOG_ROTATIONS,
                GatewayMeters.Tags.PROTOCOL, PROTOCOL, GatewayMeters.Tags.OUTCOME, outcome).increment();
    }
}
