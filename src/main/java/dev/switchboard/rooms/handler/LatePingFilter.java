package dev.switchboard.rooms.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Drops a ping that arrives after a close frame went either way. Netty's protocol stage answers pings with a pong
 * written from its own place in the pipeline, in front of the {@link ClosingHandshakeHandler}, so the closing stage
 * cannot hold that pong back itself; nothing may follow a close (RFC 6455 §5.5.1, §7.1.2).
 */
@Sharable
final class LatePingFilter extends ChannelInboundHandlerAdapter {

    static final LatePingFilter INSTANCE = new LatePingFilter();

    private LatePingFilter() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame) {
            ClosingHandshakeHandler closing = ctx.pipeline().get(ClosingHandshakeHandler.class);
            if (closing != null && closing.closing()) {
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
