package dev.switchboard.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Fanout;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MicrometerRoomsMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerRoomsMetrics metrics = new MicrometerRoomsMetrics(registry);

    private static RoomSession session(int id) {
        return new RoomSession() {
            @Override public int memberId() { return id; }
            @Override public void send(TPacket packet) { }
            @Override public void kick(String reason) { }
        };
    }

    @Test
    void recorder_whenEventsRecorded_thenCountersAndConnectionGauge() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.messageIn();
        metrics.packetsOut("new-msg", 3);
        metrics.messageDropped("slow-consumer");
        metrics.disconnected("bad-magic");
        metrics.becameUnwritable();

        assertThat(registry.get(GatewayMeters.ROOMS_CONNECTIONS).gauge().value()).isEqualTo(1);
        assertThat(registry.get(GatewayMeters.ROOMS_MESSAGES_IN).counter().count()).isEqualTo(1);
        assertThat(registry.get(GatewayMeters.ROOMS_MESSAGES_OUT).tag("kind", "new-msg").counter().count())
                .isEqualTo(3);
        assertThat(registry.get(GatewayMeters.ROOMS_MESSAGES_DROPPED).tag("reason", "slow-consumer").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(GatewayMeters.ROOMS_DISCONNECTS).tag("reason", "bad-magic").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(GatewayMeters.ROOMS_UNWRITABLE).counter().count()).isEqualTo(1);
    }

    @Test
    void gauges_whenRoomsChange_thenRoomsMembersAndHistoryFollow() {
        Rooms rooms = new Rooms(RoomsLimits.defaults(), Fanout.EACH);
        MicrometerRoomsMetrics.bindGauges(registry, rooms);
        RoomSession a = session(rooms.allocateMemberId());
        RoomSession b = session(rooms.allocateMemberId());
        rooms.setNick(a, "a".getBytes(StandardCharsets.UTF_8));
        rooms.setNick(b, "b".getBytes(StandardCharsets.UTF_8));
        rooms.join(a, 1, "one".getBytes(StandardCharsets.UTF_8));
        rooms.join(b, 1, "two".getBytes(StandardCharsets.UTF_8));
        rooms.say(a, "hi".getBytes(StandardCharsets.UTF_8));

        assertThat(registry.get(GatewayMeters.ROOMS_ROOMS).gauge().value()).isEqualTo(2);
        assertThat(registry.get(GatewayMeters.ROOMS_MEMBERS).gauge().value()).isEqualTo(2);
        assertThat(registry.get(GatewayMeters.ROOMS_HISTORY_LINES).gauge().value()).isEqualTo(1);
        rooms.disconnected(a);
        assertThat(registry.get(GatewayMeters.ROOMS_ROOMS).gauge().value()).isEqualTo(1);
    }
}
