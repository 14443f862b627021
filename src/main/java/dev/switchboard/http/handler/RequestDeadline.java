package dev.switchboard.http.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the time from a request's first byte to its last: a client trickling a request byte by
 * byte resets the idle timeout on every byte (the original's slowloris weakness, http-server spec
 * §2.8), but not this deadline. When it passes, the client gets 408 and the connection closes.
 *
 * <p>Two stages share one deadline: {@link #start()} sits before the codec and arms the timer on
 * the first raw bytes of a request; {@link #end()} sits after the aggregator and disarms it when
 * the complete request arrives. Stateful, so one instance per connection; both stages run on the
 * channel's event loop.
 */
final class RequestDeadline {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long timeoutMillis;
    private final ChannelInboundHandlerAdapter start = new Start();
    private final ChannelInboundHandlerAdapter end = new End();
    private ScheduledFuture<?> timer;

    RequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The stage before the codec. */
    ChannelInboundHandlerAdapter start() {
        return start;
    }

    /** The stage after the aggregator. */
    ChannelInboundHandlerAdapter end() {
        return end;
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private final class Start extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (timer == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                timer = ctx.executor().schedule(() -> expire(ctx), timeoutMillis, TimeUnit.MILLISECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        private void expire(ChannelHandlerContext ctx) {
            timer = null;
            if (!ctx.channel().isActive()) {
                return;
            }
            log.warn(ChannelLog.format(ctx.channel(), "request not complete after " + timeoutMillis
                    + " ms, answering 408 and closing"));
            // Written from the tail so it is encoded and queued behind any response still streaming.
            ctx.channel().writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.REQUEST_TIMEOUT, false, true))
                    .addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }
    }

    private final class End extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest) {
                cancel();
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }
    }
}
