package dev.switchboard.http.handler;

import dev.switchboard.http.service.HttpMetrics;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;

/** Counts every response one listener writes, by status; one instance per listener. */
@Sharable
public final class ResponseMetricsHandler extends ChannelOutboundHandlerAdapter {

    private final HttpMetrics metrics;

    /** Reports to {@code metrics}. */
    public ResponseMetricsHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            metrics.responseSent(response.status().code());
        }
        ctx.write(msg, promise);
    }
}
