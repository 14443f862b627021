package dev.switchboard.http.handler;

import dev.switchboard.http.service.HttpMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;

/**
 * Counts and times every response one listener writes, by status class; one instance per listener.
 * A request's time runs from its head being decoded to its response head being written; pipelined
 * requests are answered in order, so each channel keeps the start times of its open requests in a queue.
 */
@Sharable
public final class ResponseMetricsHandler extends ChannelDuplexHandler {

    private static final AttributeKey<ArrayDeque<Long>> STARTED = AttributeKey.valueOf("switchboard.http.started");

    private final HttpMetrics metrics;

    /** Reports to {@code metrics}. */
    public ResponseMetricsHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            ArrayDeque<Long> started = ctx.channel().attr(STARTED).get();
            if (started == null) {
                started = new ArrayDeque<>(2);
                ctx.channel().attr(STARTED).set(started);
            }
            started.addLast(System.nanoTime());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            ArrayDeque<Long> started = ctx.channel().attr(STARTED).get();
            // An interim 1xx (100-continue) answers nothing yet; 101 ends the HTTP exchange.
            boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                    && response.status().code() != 101;
            Long start = interim || started == null ? null : started.pollFirst();
            metrics.responseSent(response.status().code(), start == null ? -1 : System.nanoTime() - start);
        }
        ctx.write(msg, promise);
    }
}
