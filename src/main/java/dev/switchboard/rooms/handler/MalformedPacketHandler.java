package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.rooms.message.Malformed;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/** Applies the declared outcome of a message that is not a tPacket: the close its reason gives (spec §9). */
@Sharable
public final class MalformedPacketHandler extends SimpleChannelInboundHandler<Malformed> {

    public MalformedPacketHandler() {
        super(Malformed.class);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Malformed malformed) {
        Connection.of(ctx.channel()).close(malformed.reason(), malformed.detail());
    }
}
