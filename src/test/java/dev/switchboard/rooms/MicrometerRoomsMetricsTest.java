package dev.switchboard.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
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
            private int memberId = id;
            @Override public int memberId() { return memberId; }
            @Override public void assignMemberId(int assigned) { memberId = assigned; }
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
        metrics.packetsOut(Command.NEW_MSG, 3);
        metrics.messageDropped(MessageDrop.ROOM_SEALED);
        metrics.upgradeRefused(UpgradeRefusal.CONNECTION_LIMIT);
        metrics.becameUnwritable();

        assertThat(registry.get(RoomsMeters.CONNECTIONS).gauge().value()).isEqualTo(1);
        assertThat(registry.get(RoomsMeters.MESSAGES_IN).counter().count()).isEqualTo(1);
        assertThat(registry.get(RoomsMeters.MESSAGES_OUT).tag("kind", "new-msg").counter().count())
                .isEqualTo(3);
        assertThat(registry.get(RoomsMeters.MESSAGES_OUT).tag("kind", "del-user").counter().count())
                .as("every kind registered up front").isZero();
        assertThat(registry.get(RoomsMeters.MESSAGES_DROPPED).tag("reason", "room-sealed").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(RoomsMeters.MESSAGES_DROPPED).tag("reason", "too-long").counter()
                .count()).isZero();
        assertThat(registry.get(RoomsMeters.UPGRADES_REFUSED).tag("reason", "connection-limit").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(RoomsMeters.UNWRITABLE).counter().count()).isEqualTo(1);
    }

    @Test
    void gauges_whenRoomsChange_thenRoomsMembersAndHistoryFollow() {
        Rooms rooms = new Rooms(RoomsLimits.defaults());
        MicrometerRoomsMetrics.bindGauges(registry, rooms);
        RoomSession a = session(rooms.allocateMemberId());
        RoomSession b = session(rooms.allocateMemberId());
        rooms.setNick(a, "a".getBytes(StandardCharsets.UTF_8));
        rooms.setNick(b, "b".getBytes(StandardCharsets.UTF_8));
        rooms.join(a, 1, "one".getBytes(StandardCharsets.UTF_8));
        rooms.join(b, 1, "two".getBytes(StandardCharsets.UTF_8));
        rooms.say(a, "hi".getBytes(StandardCharsets.UTF_8));

        assertThat(registry.get(RoomsMeters.ROOMS).gauge().value()).isEqualTo(2);
        assertThat(registry.get(RoomsMeters.MEMBERS).gauge().value()).isEqualTo(2);
        assertThat(registry.get(RoomsMeters.HISTORY_LINES).gauge().value()).isEqualTo(1);
        rooms.disconnected(a);
        assertThat(registry.get(RoomsMeters.ROOMS).gauge().value()).isEqualTo(1);
    }
}
