package dev.switchboard.rooms.admin;

import dev.switchboard.core.admin.SessionDescriber;
import dev.switchboard.core.admin.SessionInfo;
import dev.switchboard.http.HttpConfiguration;
import dev.switchboard.rooms.handler.RoomsConnection;
import dev.switchboard.rooms.service.MemberLocation;
import dev.switchboard.rooms.service.Rooms;
import io.netty.channel.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rooms members in the sessions endpoint: nick, room and member id of upgraded connections; plain HTTP
 * connections on the same listeners show as {@code http}. A kill closes the WebSocket with 1008, so the
 * room's other members get DEL_USER.
 */
public final class RoomsSessionDescriber implements SessionDescriber {

    private final Rooms rooms;

    public RoomsSessionDescriber(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public String protocol() {
        return HttpConfiguration.PROTOCOL;
    }

    @Override
    public Optional<SessionInfo> describe(Channel channel) {
        RoomsConnection connection = RoomsConnection.of(channel);
        if (connection == null) {
            return Optional.of(new SessionInfo(null, null, "http", Map.of()));
        }
        Optional<MemberLocation> location = rooms.locate(connection.memberId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("memberId", connection.memberId());
        location.map(MemberLocation::room).ifPresent(room -> details.put("room", room));
        String state = location.isEmpty() ? "websocket" : location.get().room() == null ? "named" : "in-room";
        return Optional.of(new SessionInfo(location.map(MemberLocation::nick).orElse(null), null, state, details));
    }

    @Override
    public void kill(Channel channel, boolean ban, String reason) {
        RoomsConnection connection = RoomsConnection.of(channel);
        if (connection == null || ban) {
            SessionDescriber.super.kill(channel, ban, reason);
            return;
        }
        connection.kick(reason);
    }
}
