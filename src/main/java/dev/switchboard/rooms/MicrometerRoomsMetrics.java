package dev.switchboard.rooms;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.core.metrics.GatewayMeters.Tags;
import dev.switchboard.rooms.service.Rooms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RoomsMetrics} on Micrometer, plus the room, member and history gauges that read the {@link Rooms} service. */
final class MicrometerRoomsMetrics implements RoomsMetrics {

    private static final String PROTOCOL = "rooms";

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter messagesIn;
    private final Counter unwritable;

    MicrometerRoomsMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(GatewayMeters.ROOMS_CONNECTIONS, connections, AtomicInteger::get)
                .tag(Tags.PROTOCOL, PROTOCOL).description("Open rooms WebSocket connections").register(registry);
        messagesIn = Counter.builder(GatewayMeters.ROOMS_MESSAGES_IN).tag(Tags.PROTOCOL, PROTOCOL)
                .description("Chat messages received").register(registry);
        unwritable = Counter.builder(GatewayMeters.ROOMS_UNWRITABLE).tag(Tags.PROTOCOL, PROTOCOL)
                .description("Connections that went unwritable").register(registry);
    }

    /** Registers the gauges that sample the service's state. */
    static void bindGauges(MeterRegistry registry, Rooms rooms) {
        Gauge.builder(GatewayMeters.ROOMS_ROOMS, rooms, Rooms::roomCount)
                .tag(Tags.PROTOCOL, PROTOCOL).description("Rooms that exist").register(registry);
        Gauge.builder(GatewayMeters.ROOMS_MEMBERS, rooms, Rooms::memberCount)
                .tag(Tags.PROTOCOL, PROTOCOL).description("Users in a room").register(registry);
        Gauge.builder(GatewayMeters.ROOMS_HISTORY_LINES, rooms, Rooms::historyLines)
                .tag(Tags.PROTOCOL, PROTOCOL).description("Retained history lines").register(registry);
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
            registry.counter(GatewayMeters.ROOMS_MESSAGES_OUT, Tags.PROTOCOL, PROTOCOL, Tags.KIND, kind)
                    .increment(count);
        }
    }

    @Override
    public void messageDropped(String reason) {
        registry.counter(GatewayMeters.ROOMS_MESSAGES_DROPPED, Tags.PROTOCOL, PROTOCOL, Tags.REASON, reason)
                .increment();
    }

    @Override
    public void disconnected(String reason) {
        registry.counter(GatewayMeters.ROOMS_DISCONNECTS, Tags.PROTOCOL, PROTOCOL, Tags.REASON, reason).increment();
    }

    @Override
    public void becameUnwritable() {
        unwritable.increment();
    }
}
