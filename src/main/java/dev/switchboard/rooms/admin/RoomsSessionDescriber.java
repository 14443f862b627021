package dev.switchboard.rooms.admin;

import dev.switchboard.core.admin.SessionDescriber;
import dev.switchboard.core.admin.SessionInfo;
import dev.switchboard.http.handler.UpgradeRoute;
import dev.switchboard.rooms.handler.RoomsConnection;
import dev.switchboard.rooms.service.MemberLocation;
import dev.switchboard.rooms.service.Rooms;
import io.netty.channel.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rooms members in the sessions endpoint: nick, room and member id of upgraded connections, listed with
 * protocol {@code rooms} (the tag the rooms metrics carry); plain HTTP connections on the same listeners
 * show as protocol {@code http}. A kill closes the WebSocket with 1008, so the
 * room's other members get DEL_USER.
 */
public final class RoomsSessionDescriber implements SessionDescriber {

    /** The protocol name of WebSocket room connections, as in the rooms metrics. */
    public static final String PROTOCOL = "rooms";

    private final Rooms rooms;

    public RoomsSessionDescriber(Rooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public String protocol() {
        return UpgradeRoute.HTTP_PROTOCOL;
    }

    @Override
    public String protocolOf(Channel channel) {
        return RoomsConnection.of(channel) == null ? UpgradeRoute.HTTP_PROTOCOL : PROTOCOL;
    }

    @Override
    public Set<String> protocols() {
        return Set.of(UpgradeRoute.HTTP_PROTOCOL, PROTOCOL);
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
