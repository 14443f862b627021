package dev.switchboard.rooms.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Netty's WebSocket protocol stage, except that a failure after the handshake is only passed on: Netty's own
 * stage closes the channel right after passing it, before the close frame the exceptions stage asked for (which
 * the disconnector writes in a task of its own) could go out. The exceptions stage closes every WebSocket failure
 * with its status, and the core's tail closes on anything else. A failed handshake is still answered with 400.
 */
final class RoomsProtocolHandler extends WebSocketServerProtocolHandler {

    RoomsProtocolHandler(WebSocketServerProtocolConfig config) {
        super(config);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof WebSocketHandshakeException) {
            super.exceptionCaught(ctx, cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
