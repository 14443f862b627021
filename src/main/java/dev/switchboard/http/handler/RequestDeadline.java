package dev.switchboard.http.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time from a request's first byte to its last: a client trickling a request byte by
 * byte resets the idle timeout on every byte (the original's slowloris weakness, http-server spec
 * §2.8), but not this deadline. When it passes, the client gets 408 and the connection closes.
 *
 * <p>The stage sits before the codec and arms the timer on the first raw bytes of a request; the
 * aggregator calls {@link #requestComplete()} when it has the complete request, which disarms it
 * (one stage fewer than a second handler after the aggregator would cost). Stateful, so one
 * instance per connection; everything runs on the channel's event loop.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

    /** Value of {@code startedAt} between requests. */
    private static final long IDLE = Long.MIN_VALUE;

    private final long timeoutNanos;
    private final long timeoutMillis;
    /** Ticker time of the first byte of the request in progress; {@link #IDLE} between requests. */
    private long startedAt = IDLE;
    /** The one timer of this connection; rearmed by itself rather than per request. */
    private ScheduledFuture<?> timer;

    RequestDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** The request being timed has arrived completely. */
    void requestComplete() {
        startedAt = IDLE;
    }

    private void cancel() {
        startedAt = IDLE;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (startedAt == IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            startedAt = ctx.executor().ticker().nanoTime();
            if (timer == null) {
                timer = ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Runs when the timer fires: expires the request in progress if it has run out of time, else
     * rearms for the time it has left; between requests it stays unarmed until the next one starts.
     * Scheduling once per timeout rather than once per request keeps keep-alive traffic off the
     * scheduler's queue.
     */
    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (startedAt == IDLE || !ctx.channel().isActive()) {
            return;
        }
        long left = startedAt + timeoutNanos - ctx.executor().ticker().nanoTime();
        if (left > 0) {
            timer = ctx.executor().schedule(() -> check(ctx), left, TimeUnit.NANOSECONDS);
            return;
        }
        startedAt = IDLE;
        // Written from the tail so it is encoded and queued behind any response still streaming.
        ctx.channel().writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.REQUEST_TIMEOUT, false, true));
        HttpConnections.close(ctx.channel(), HttpCloseReason.REQUEST_TIMEOUT,
                "not complete after " + timeoutMillis + " ms; answered 408");
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
