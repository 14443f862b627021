package dev.switchboard.sea;

import dev.switchboard.core.metrics.EnumCounter;
import dev.switchboard.core.metrics.GatewayMeters.Tags;
import dev.switchboard.sea.service.SeaLoginOutcome;
import dev.switchboard.sea.service.SeaMessageKind;
import dev.switchboard.sea.service.SeaMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntSupplier;

/** {@link SeaMetrics} on Micrometer: every series registered up front, keyed by enum. */
final class MicrometerSeaMetrics implements SeaMetrics {

    private static final io.micrometer.core.instrument.Tags SEA =
            io.micrometer.core.instrument.Tags.of(Tags.PROTOCOL, SeaConfiguration.PROTOCOL);

    private final MeterRegistry registry;
    private final EnumCounter<SeaLoginOutcome> logins;
    private final EnumCounter<SeaMessageKind> messages;
    private final EnumCounter<SeaMessageKind> copies;
    private final EnumCounter<SeaMessageKind> payloadBytes;
    private final Counter throttled;

    MicrometerSeaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.logins = EnumCounter.register(registry, SeaMeters.LOGINS, "SEA login attempts by outcome", SEA,
                Tags.OUTCOME, SeaLoginOutcome.class);
        this.messages = EnumCounter.register(registry, SeaMeters.MESSAGES, "SEA messages sent, by kind", SEA,
                Tags.KIND, SeaMessageKind.class);
        this.copies = EnumCounter.register(registry, SeaMeters.MESSAGE_COPIES,
                "SEA message copies written to recipients, by kind", SEA, Tags.KIND, SeaMessageKind.class);
        this.payloadBytes = EnumCounter.register(registry, SeaMeters.MESSAGE_BYTES,
                "SEA message payload bytes received from senders, by kind", SEA, Tags.KIND, SeaMessageKind.class);
        this.throttled = Counter.builder(SeaMeters.THROTTLED).tags(SEA)
                .description("SEA sessions throttled by flood control").register(registry);
    }

    @Override
    public void bindGauges(IntSupplier loggedInUsers, IntSupplier activeBans) {
        Gauge.builder(SeaMeters.USERS, loggedInUsers, IntSupplier::getAsInt)
                .tags(SEA).description("SEA sessions logged in")
                // the supplier is a lambda nobody else holds: a weak reference would read NaN after a GC
                .strongReference(true).register(registry);
        Gauge.builder(SeaMeters.BANS, activeBans, IntSupplier::getAsInt)
                .tags(SEA).description("SEA ban-list entries").strongReference(true)
                .register(registry);
    }

    @Override
    public void login(SeaLoginOutcome outcome) {
        logins.increment(outcome);
    }

    @Override
    public void message(SeaMessageKind kind, int recipients, long bytes) {
        messages.increment(kind);
        copies.increment(kind, recipients);
        payloadBytes.increment(kind, bytes);
    }

    @Override
    public void throttled() {
        throttled.increment();
    }
}
