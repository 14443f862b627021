package dev.switchboard.rooms.handler;

import dev.switchboard.core.listener.ConnectionGoodbye;
import dev.switchboard.rooms.service.Rooms;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Graceful-shutdown goodbye for rooms connections: the member's room is sealed first, then close 1001 "going away";
 * other channels are left alone. Sealing before the close frame is queued means every message the room relayed is
 * already queued to each member ahead of that member's goodbye, and none is relayed after it.
 */
public final class RoomsGoodbye implements ConnectionGoodbye {

    private final Rooms rooms;
    private final RoomsDisconnector disconnector;

    public RoomsGoodbye(Rooms rooms, RoomsDisconnector disconnector) {
        this.rooms = rooms;
        this.disconnector = disconnector;
    }

    /** True when {@code channel} is an upgraded rooms connection. */
    public static boolean isRoomsConnection(Channel channel) {
        RoomsConnection connection = RoomsConnection.of(channel);
        return connection != null && connection.isOpen();
    }

    @Override
    public void sayGoodbye(Channel channel) {
        if (isRoomsConnection(channel)) {
            rooms.seal(RoomsConnection.of(channel));
            disconnector.close(channel, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "shutdown", "server going away");
        }
    }
}
