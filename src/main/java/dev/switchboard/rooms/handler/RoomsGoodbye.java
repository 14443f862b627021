package dev.switchboard.rooms.handler;

import dev.switchboard.core.listener.ConnectionGoodbye;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** Graceful-shutdown goodbye for rooms connections: close 1001 "going away"; other channels are left alone. */
public final class RoomsGoodbye implements ConnectionGoodbye {

    private final RoomsDisconnector disconnector;

    public RoomsGoodbye(RoomsDisconnector disconnector) {
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
            disconnector.close(channel, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "shutdown", "server going away");
        }
    }
}
