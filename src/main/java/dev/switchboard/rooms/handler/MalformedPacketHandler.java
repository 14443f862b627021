package dev.switchboard.rooms.handler;

import dev.switchboard.rooms.message.Malformed;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** Closes a connection that sent a message which is not a tPacket, with the status of spec §9. */
@Sharable
public final class MalformedPacketHandler extends SimpleChannelInboundHandler<Malformed> {

    private final RoomsDisconnector disconnector;

    public MalformedPacketHandler(RoomsDisconnector disconnector) {
        super(Malformed.class);
        this.disconnector = disconnector;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Malformed malformed) {
        disconnector.protocolError(ctx.channel(), WebSocketCloseStatus.valueOf(malformed.reason().closeCode()),
                malformed.reason().tag(), malformed.detail());
    }
}
