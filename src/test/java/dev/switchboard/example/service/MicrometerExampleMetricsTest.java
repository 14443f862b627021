package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleCloseReason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Meter names and tags of {@link MicrometerExampleMetrics}. */
class MicrometerExampleMetricsTest {

    @Test
    void record_whenEvents_thenTaggedCounters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerExampleMetrics metrics = new MicrometerExampleMetrics(registry);

        metrics.command(CommandOutcome.UNKNOWN);
        metrics.command(CommandOutcome.UNKNOWN);
        metrics.malformed(ExampleCloseReason.TOO_LONG);
        metrics.logRotate(LogRotation.Outcome.ROTATED);

        assertThat(registry.get(ExampleMeters.COMMANDS).tag("protocol", "example").tag("outcome", "unknown")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ExampleMeters.MALFORMED).tag("reason", "too_long").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(ExampleMeters.LOG_ROTATIONS).tag("outcome", "rotated").counter().count())
                .isEqualTo(1.0);
        // Every series exists from the start; reasons that are not malformed input have none.
        assertThat(registry.get(ExampleMeters.COMMANDS).tag("outcome", "quit").counter().count()).isZero();
        assertThat(registry.get(ExampleMeters.MALFORMED).tag("reason", "syntax").counter().count()).isZero();
        assertThat(registry.find(ExampleMeters.MALFORMED).tag("reason", "idle_timeout").counter()).isNull();
    }
}
