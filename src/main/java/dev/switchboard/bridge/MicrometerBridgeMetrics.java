package dev.switchboard.bridge;

import dev.switchboard.bridge.service.BridgeMetrics;
import dev.switchboard.core.metrics.EnumCounter;
import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The bridge's meters: messages carried each way and what could not be carried exactly. */
final class MicrometerBridgeMetrics implements BridgeMetrics {

    /** Messages carried across the bridge, by direction (counter). */
    static final String MESSAGES = "switchboard.bridge.messages";
    /** Names and texts that could not be carried across exactly, by kind (counter). */
    static final String MAPPING_FAILURES = "switchboard.bridge.mapping.failures";

    private final EnumCounter<Direction> messages;
    private final EnumCounter<MappingFailure> failures;

    MicrometerBridgeMetrics(MeterRegistry registry) {
        this.messages = EnumCounter.register(registry, MESSAGES, "Messages carried across the SEA/room bridge",
                Tags.empty(), GatewayMeters.Tags.KIND, Direction.class);
        this.failures = EnumCounter.register(registry, MAPPING_FAILURES,
                "Names and texts the bridge could not carry across exactly", Tags.empty(), GatewayMeters.Tags.KIND,
                MappingFailure.class);
    }

    @Override
    public void bridged(Direction direction) {
        messages.increment(direction);
    }

    @Override
    public void mappingFailed(MappingFailure failure) {
        failures.increment(failure);
    }
}
