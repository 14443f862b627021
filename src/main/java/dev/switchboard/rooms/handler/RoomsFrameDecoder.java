package dev.switchboard.rooms.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

/**
 * Netty's RFC 6455 frame decoder, except that a close frame's body is passed on unchecked: Netty fails a close
 * with an invalid status or reason without sending any close frame (it counts the handshake as received), while
 * the {@link ClosingHandshakeHandler} answers those with 1002 or 1007. A one-byte close body is still refused here.
 */
final class RoomsFrameDecoder extends WebSocket13FrameDecoder {

    RoomsFrameDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        // Checked by the closing-handshake stage.
    }
}
