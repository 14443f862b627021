package dev.switchboard.example.service;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.Counter;
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
        counter(GatewayMeters.EXAMPLE_COMMANDS, "Example protocol commands handled, by outcome",
                GatewayMeters.Tags.OUTCOME, outcome).increment();
    }

    @Override
    public void malformed(String reason) {
        counter(GatewayMeters.EXAMPLE_MALFORMED, "Example protocol lines or datagrams refused, by reason",
                GatewayMeters.Tags.REASON, reason).increment();
    }

    @Override
    public void logRotate(String outcome) {
        counter(GatewayMeters.EXAMPLE_LOG_ROTATIONS, "Example protocol log-rotate datagrams, by outcome",
                GatewayMeters.Tags.OUTCOME, outcome).increment();
    }

    private Counter counter(String name, String help, String tag, String value) {
        return Counter.builder(name).description(help).tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).tag(tag, value)
                .register(registry);
    }
}
