package dev.switchboard.example.service;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Meter names and tags of {@link MicrometerExampleMetrics}. */
class MicrometerExampleMetricsTest {

    @Test
    void record_whenEvents_thenTaggedCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerExampleMetrics metrics = new MicrometerExampleMetrics(registry);

        metrics.command("unknown");
        metrics.command("unknown");
        metrics.malformed("too_long");
        metrics.logRotate("rotated");

        assertThat(registry.get(GatewayMeters.EXAMPLE_COMMANDS).tag("protocol", "example").tag("outcome", "unknown")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(GatewayMeters.EXAMPLE_MALFORMED).tag("reason", "too_long").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(GatewayMeters.EXAMPLE_LOG_ROTATIONS).tag("outcome", "rotated").counter().count())
                .isEqualTo(1.0);
    }
}
