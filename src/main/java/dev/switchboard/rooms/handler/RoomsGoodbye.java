package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.connection.Goodbye;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.service.RoomsIntake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/**
 * How a rooms connection ends, whatever the reason: one WebSocket close frame with the reason's status and its
 * tag as the reason text, then either the closing handshake (TCP closes once the peer answers, or after the
 * closing timeout; the {@link ClosingHandshakeHandler} holds the close back) or, for a reason that fails the
 * connection, TCP closed as soon as the frame is written. On shutdown the member's room is sealed first, so it
 * relays nothing after this member's goodbye. Runs on the channel's event loop, once per connection.
 */
public final class RoomsGoodbye implements Goodbye {

    private final RoomsIntake rooms;

    public RoomsGoodbye(RoomsIntake rooms) {
        this.rooms = rooms;
    }

    @Override
    public void close(Channel channel, CloseReason reason) {
        RoomsConnection session = RoomsConnection.of(channel);
        if (session == null || !session.isOpen() || !channel.isActive()) {
            // No WebSocket yet (the handshake is still being answered): nothing to say a close frame on.
            channel.close();
            return;
        }
        if (reason == CoreCloseReason.SHUTDOWN) {
            rooms.seal(session);
        }
        boolean fail = RoomsCloseReason.failsConnection(reason);
        // Written from the tail so the closing-handshake stage and Netty's protocol handler see the frame go out
        // and refuse anything queued after it.
        channel.writeAndFlush(new CloseWebSocketFrame(RoomsCloseReason.statusOf(reason), reason.tag()))
                .addListener((ChannelFutureListener) written -> {
                    if (fail) {
                        closeNow(channel);
                    } else {
                        channel.close();
                    }
                });
    }

    /** Closes TCP at once, past the closing-handshake stage's wait for the peer. */
    static void closeNow(Channel channel) {
        ChannelHandlerContext closing = channel.pipeline().context(RoomsPipeline.CLOSING_HANDSHAKE);
        if (closing != null) {
            closing.close();
        } else {
            channel.close();
        }
    }
}
