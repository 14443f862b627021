package dev.switchboard.http.handler;

import dev.switchboard.http.service.HttpDates;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Clock;

/**
 * Adds {@code Date} and {@code Server} to every response, whichever stage wrote it (the original
 * sent neither, http-server spec §2.5).
 */
@Sharable
public final class ResponseHeadersHandler extends ChannelOutboundHandlerAdapter {

    /** Value of the {@code Server} header. */
    public static final String SERVER = "Switchboard";

    private final Clock clock;

    /** Stamps responses with the time of {@code clock}. */
    public ResponseHeadersHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            response.headers()
                    .set(HttpHeaderNames.DATE, HttpDates.format(clock.instant()))
                    .set(HttpHeaderNames.SERVER, SERVER);
        }
        ctx.write(msg, promise);
    }
}
