package dev.switchboard.rooms.handler;

import dev.switchboard.rooms.codec.TPacketDecoder;
import dev.switchboard.rooms.message.Malformed;
import dev.switchboard.rooms.message.RoomsCloseReason;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/** Turns each reassembled WebSocket data message into one decoded tPacket or a {@link Malformed} (spec §1, §5). */
@Sharable
public final class TPacketFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    private final TPacketDecoder decoder;

    public TPacketFrameDecoder(TPacketDecoder decoder) {
        super(WebSocketFrame.class);
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        // MessageToMessageDecoder releases the frame after this returns; decode copies what it keeps.
        if (frame instanceof BinaryWebSocketFrame) {
            out.add(decoder.decode(frame.content()));
        } else if (frame instanceof TextWebSocketFrame) {
            out.add(new Malformed(RoomsCloseReason.TEXT_MESSAGE, "text message of " + frame.content().readableBytes()
                    + " bytes"));
        } else {
            out.add(frame.retain());
        }
    }
}
