package dev.switchboard.example.service;

import dev.switchboard.core.metrics.EnumCounter;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.example.message.ExampleCloseReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** {@link ExampleMetrics} as Micrometer counters, one series per enum constant registered at start. */
public final class MicrometerExampleMetrics implements ExampleMetrics {

    private static final Tags PROTOCOL = Tags.of(GatewayMeters.Tags.PROTOCOL, "example");

    private final EnumCounter<CommandOutcome> commands;
    private final EnumCounter<ExampleCloseReason> malformed;
    private final EnumCounter<LogRotation.Outcome> rotations;

    public MicrometerExampleMetrics(MeterRegistry registry) {
        commands = EnumCounter.register(registry, ExampleMeters.COMMANDS,
                "Example protocol commands handled, by outcome", PROTOCOL, GatewayMeters.Tags.OUTCOME,
                CommandOutcome.class);
        malformed = EnumCounter.register(registry, ExampleMeters.MALFORMED,
                "Example protocol lines or datagrams refused, by reason", PROTOCOL, GatewayMeters.Tags.REASON,
                ExampleCloseReason.malformedInput());
        rotations = EnumCounter.register(registry, ExampleMeters.LOG_ROTATIONS,
                "Example protocol log-rotate datagrams, by outcome", PROTOCOL, GatewayMeters.Tags.OUTCOME,
                LogRotation.Outcome.class);
    }

    @Override
    public void command(CommandOutcome outcome) {
        commands.increment(outcome);
    }

    @Override
    public void malformed(ExampleCloseReason reason) {
        malformed.increment(reason);
    }

    @Override
    public void logRotate(LogRotation.Outcome outcome) {
        rotations.increment(outcome);
    }
}
