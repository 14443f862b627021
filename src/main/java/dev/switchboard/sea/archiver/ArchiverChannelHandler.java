package dev.switchboard.sea.archiver;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only stage of an archiver connection: discards anything the archiver sends (the side channel is
 * write-only, spec §13.1), and reports writability changes and failures to the client.
 *
 * <p>Stateful (it remembers whether it already logged inbound bytes), so one is built per connection.
 */
final class ArchiverChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ArchiverChannelHandler.class);

    /** Callbacks into the client; invoked on the channel's event loop. */
    interface Events {
        void writabilityChanged();

        void failed(Throwable cause);
    }

    private final Events events;
    private final String target;
    private boolean loggedInbound;

    ArchiverChannelHandler(Events events, String target) {
        this.events = events;
        this.target = target;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Reading (and dropping) keeps the socket's receive buffer empty and lets us see the peer's EOF.
        try {
            if (!loggedInbound && msg instanceof ByteBuf buf) {
                loggedInbound = true;
                log.debug("SEA archiver {} sent {} bytes; the side channel is write-only, discarding them", target,
                        buf.readableBytes());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        events.writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // §13.8: an archiver may stop sending (or reading) at any time; only a write error ends the
            // connection, so half-closure is allowed and the connection is kept for writing.
            log.debug("SEA archiver {} closed its sending side; keeping the connection for writing", target);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.failed(cause);
        ctx.close();
    }
}
