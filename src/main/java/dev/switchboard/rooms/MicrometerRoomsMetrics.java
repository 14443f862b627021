package dev.switchboard.rooms;

import dev.switchboard.core.metrics.GatewayMeters;
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

    /** WebSocket ping → pong round trip (histogram, seconds). */
    static final String PING_ROUND_TRIP = "switchboard.rooms.ping.round.trip";

    private static final String PROTOCOL = "rooms";

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter messagesIn;
    private final Counter unwritable;
    private final Timer pingRoundTrip;

    MicrometerRoomsMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(GatewayMeters.ROOMS_CONNECTIONS, connections, AtomicInteger::get)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Open rooms WebSocket connections").register(registry);
        messagesIn = Counter.builder(GatewayMeters.ROOMS_MESSAGES_IN).tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL)
                .description("Chat messages received").register(registry);
        unwritable = Counter.builder(GatewayMeters.ROOMS_UNWRITABLE).tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL)
                .description("Connections that went unwritable").register(registry);
        pingRoundTrip = Latency.NETWORK.timer(registry, PING_ROUND_TRIP,
                "Time from a server WebSocket ping to the client's pong", Tags.of(GatewayMeters.Tags.PROTOCOL, PROTOCOL));
    }

    /** Registers the gauges that sample the service's state. */
    static void bindGauges(MeterRegistry registry, Rooms rooms) {
        Gauge.builder(GatewayMeters.ROOMS_ROOMS, rooms, Rooms::roomCount)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Rooms that exist").register(registry);
        Gauge.builder(GatewayMeters.ROOMS_MEMBERS, rooms, Rooms::memberCount)
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).description("Users in a room").register(registry);
        Gauge.builder(GatewayMeters.ROOMS_HISTORY_LINES, rooms, Rooms::historyLines)
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
    public void packetsOut(String kind, int count) {
        if (count > 0) {
            Counter.builder(GatewayMeters.ROOMS_MESSAGES_OUT).description("Packets queued for delivery, by kind")
                    .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).tag(GatewayMeters.Tags.KIND, kind).register(registry)
                    .increment(count);
        }
    }

    @Override
    public void messageDropped(String reason) {
        Counter.builder(GatewayMeters.ROOMS_MESSAGES_DROPPED).description("Chat messages refused or dropped, by reason")
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).tag(GatewayMeters.Tags.REASON, reason).register(registry)
                .increment();
    }

    @Override
    public void disconnected(String reason) {
        Counter.builder(GatewayMeters.ROOMS_DISCONNECTS).description("Connections the server closed, by reason")
                .tag(GatewayMeters.Tags.PROTOCOL, PROTOCOL).tag(GatewayMeters.Tags.REASON, reason).register(registry)
                .increment();
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
