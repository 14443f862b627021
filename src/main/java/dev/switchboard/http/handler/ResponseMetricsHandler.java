package dev.switchboard.http.handler;

import dev.switchboard.http.service.HttpMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

/**
 * Counts and times every response one listener writes, by status class; one instance per listener.
 * A request's time runs from its head being decoded to its response head being written; pipelined
 * requests are answered in order, so each channel keeps the start times of its open requests in a queue.
 */
@Sharable
public final class ResponseMetricsHandler extends ChannelDuplexHandler {

    private static final AttributeKey<StartTimes> STARTED = AttributeKey.valueOf("switchboard.http.started");

    private final HttpMetrics metrics;

    /** Reports to {@code metrics}. */
    public ResponseMetricsHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            Attribute<StartTimes> attribute = ctx.channel().attr(STARTED);
            StartTimes started = attribute.get();
            if (started == null) {
                started = new StartTimes();
                attribute.set(started);
            }
            started.add(System.nanoTime());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            StartTimes started = ctx.channel().attr(STARTED).get();
            // An interim 1xx (100-continue) answers nothing yet; 101 ends the HTTP exchange.
            boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && response.status().code() != 101;
            long start = interim || started == null ? StartTimes.NONE : started.poll();
            metrics.responseSent(response.status().code(), start == StartTimes.NONE ? -1 : System.nanoTime() - start);
        }
        ctx.write(msg, promise);
    }

    /**
     * Start times of a connection's open requests, oldest first: a ring of primitive longs, so
     * timing a request allocates nothing. Touched only on the channel's event loop.
     */
    private static final class StartTimes {
        static final long NONE = Long.MIN_VALUE;

        private long[] times = new long[4];
        private int head;
        private int size;

        void add(long time) {
            if (size == times.length) {
                long[] larger = new long[times.length * 2];
                for (int i = 0; i < size; i++) {
                    larger[i] = times[(head + i) & (times.length - 1)];
                }
                times = larger;
                head = 0;
            }
            times[(head + size) & (times.length - 1)] = time;
            size++;
        }

        long poll() {
            if (size == 0) {
                return NONE;
            }
            long time = times[head];
            head = (head + 1) & (times.length - 1);
            size--;
            return time;
        }
    }
}
