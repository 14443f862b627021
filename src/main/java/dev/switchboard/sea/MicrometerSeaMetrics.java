package dev.switchboard.sea;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.metrics.GatewayMeters.Tags;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.IntSupplier;

/** {@link SeaMetrics} on Micrometer; tags only from the fixed set (protocol, outcome, reason, kind). */
final class MicrometerSeaMetrics implements SeaMetrics {

    /** Time the roster took to handle one command (histogram, seconds; tag kind = command). */
    static final String COMMAND_DURATION = "switchboard.sea.command.duration";

    private static final String PROTOCOL = "sea";

    private final MeterRegistry registry;

    MicrometerSeaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindGauges(IntSupplier loggedInUsers, IntSupplier activeBans) {
        Gauge.builder(GatewayMeters.SEA_USERS, loggedInUsers, IntSupplier::getAsInt)
                .tag(Tags.PROTOCOL, PROTOCOL).description("SEA sessions logged in")
                // the supplier is a lambda nobody else holds: a weak reference would read NaN after a GC
                .strongReference(true).register(registry);
        Gauge.builder(GatewayMeters.SEA_BANS, activeBans, IntSupplier::getAsInt)
                .tag(Tags.PROTOCOL, PROTOCOL).description("SEA ban-list entries").strongReference(true)
                .register(registry);
    }

    @Override
    public void login(String outcome) {
        counter(GatewayMeters.SEA_LOGINS, "SEA login attempts by outcome", Tags.OUTCOME, outcome).increment();
    }

    @Override
    public void message(String kind, int recipients, long payloadBytes) {
        counter(GatewayMeters.SEA_MESSAGES, "SEA messages sent, by kind", Tags.KIND, kind).increment();
        counter(GatewayMeters.SEA_MESSAGE_COPIES, "SEA message copies written to recipients, by kind", Tags.KIND,
                kind).increment(recipients);
        Counter.builder(GatewayMeters.SEA_MESSAGE_BYTES).baseUnit("bytes").tag(Tags.PROTOCOL, PROTOCOL)
                .description("SEA message payload bytes received from senders, by kind")
                .tag(Tags.KIND, kind).register(registry).increment(payloadBytes);
    }

    @Override
    public void closed(SeaCloseReason reason) {
        counter(GatewayMeters.SEA_CLOSED, "SEA sessions closed, by reason", Tags.REASON, reason.tag()).increment();
    }

    @Override
    public void throttled() {
        Counter.builder(GatewayMeters.SEA_THROTTLED).tag(Tags.PROTOCOL, PROTOCOL)
                .description("SEA sessions throttled by flood control").register(registry).increment();
    }

    private Counter counter(String name, String help, String tag, String value) {
        return Counter.builder(name).tag(Tags.PROTOCOL, PROTOCOL).tag(tag, value).description(help).register(registry);
    }
}
