package dev.switchboard.http.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Stops reading requests while the connection's outbound buffer is above its high water mark and
 * resumes below the low one, so a client that pipelines requests without reading the answers
 * cannot make the server queue responses without bound.
 */
@Sharable
final class ReadThrottle extends ChannelInboundHandlerAdapter {

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // Whoever takes the connection over after an upgrade must not inherit a paused read.
        ctx.channel().config().setAutoRead(true);
    }
}
