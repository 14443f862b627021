package dev.switchboard.rooms.handler;

import dev.switchboard.rooms.codec.TPacketEncoder;
import dev.switchboard.rooms.message.TPacket;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;

/** Sends each {@link TPacket} as exactly one binary WebSocket message (spec §1). */
@Sharable
public final class TPacketFrameEncoder extends MessageToMessageEncoder<TPacket> {

    public TPacketFrameEncoder() {
        super(TPacket.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, TPacket packet, List<Object> out) {
        out.add(new BinaryWebSocketFrame(TPacketEncoder.encode(ctx.alloc(), packet)));
    }
}
