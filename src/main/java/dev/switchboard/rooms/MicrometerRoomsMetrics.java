package dev.switchboard.rooms;

import dev.switchboard.core.metrics.EnumCounter;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.service.Rooms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import dev.switchboard.core.metrics.Latency;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RoomsMetrics} on Micrometer, plus the room, member and history gauges that read the {@link Rooms} service. */
final class MicrometerRoomsMetrics implements RoomsMetrics {

    private static final String PROTOCOL = "rooms";
    private static final Tags PROTOCOL_TAG = Tags.of(GatewayMeters.Tags.PROTOCOL, PROTOCOL);

    private final AtomicInteger connections = new AtomicInteger();
    private final Counter messagesIn;
    private final Counter unwritable;
    private final Timer pingRoundTrip;
    private final EnumCounter<Command> packetsOut;
    private final EnumCounter<MessageDrop> dropped;
    private final EnumCounter<UpgradeRefusal> refused;

    MicrometerRoomsMetrics(MeterRegistry registry) {
        packetsOut = EnumCounter.register(registry, RoomsMeters.MESSAGES_OUT, "Packets queued for delivery, by kind",
                PROTOCOL_TAG, GatewayMeters.Tags.KIND, Command.class);
        dropped = EnumCounter.register(registry, RoomsMeters.MESSAGES_DROPPED, "Chat messages refused, by reason",
                PROTOCOL_TAG, GatewayMeters.Tags.REASON, MessageDrop.class);
        refused = EnumCounter.register(registry, RoomsMeters.UPGRADES_REFUSED,
                "WebSocket upgrades refused with an HTTP error, by reason", PROTOCOL_TAG, GatewayMeters.Tags.REASON,
                UpgradeRefusal.class);
        Gauge.builder(RoomsMeters.CONNECTIONS, connections, AtomicInteger::get)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Open rooms WebSocket connections").register(registry);
        messagesIn = Counter.builder(RoomsMeters.MESSAGES_IN).tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL)
                .description("Chat messages received").register(registry);
        unwritable = Counter.builder(RoomsMeters.UNWRITABLE).tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL)
                .description("Connections that went unwritable").register(registry);
        pingRoundTrip = Latency.NETWORK.timer(registry, RoomsMeters.PING_ROUND_TRIP,
                "Time from a server WebSocket ping to the client's pong", Tags.of(GatewayMeters.Tags.PROTOCOL, PROTOCOL));
    }

    /** Registers the gauges that sample the service's state. */
    static void bindGauges(MeterRegistry registry, Rooms rooms) {
        Gauge.builder(RoomsMeters.ROOMS, rooms, Rooms::roomCount)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Rooms that exist").register(registry);
        Gauge.builder(RoomsMeters.MEMBERS, rooms, Rooms::memberCount)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Users in a room").register(registry);
        Gauge.builder(RoomsMeters.HISTORY_LINES, rooms, Rooms::historyLines)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Retained history lines").register(registry);
    }

    @Override
    public void connectionOpened() {
        connections.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        connections.decrementAndGet();
    }

    @Override
    public void messageIn() {
        messagesIn.increment();
    }

    @Override
    public void packetsOut(Command kind, int count) {
        if (count > 0) {
            packetsOut.increment(kind, count);
        }
    }

    @Override
    public void messageDropped(MessageDrop reason) {
        dropped.increment(reason);
    }

    @Override
    public void upgradeRefused(UpgradeRefusal reason) {
        refused.increment(reason);
    }

    @Override
    public void becameUnwritable() {
        unwritable.increment();
    }

    @Override
    public void pingRoundTrip(long nanos) {
        pingRoundTrip.record(nanos, TimeUnit.NANOSECONDS);
    }
}
