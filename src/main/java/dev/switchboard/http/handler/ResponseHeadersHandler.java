package dev.switchboard.http.handler;

import dev.switchboard.http.service.HttpDates;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import java.time.Clock;
import java.time.Instant;

/**
 * Adds {@code Date} and {@code Server} to every response, whichever stage wrote it (the original
 * sent neither, http-server spec §2.5). The Date value has one-second resolution, so it is formatted
 * once per second and shared by every response and event loop in that second.
 */
@Sharable
public final class ResponseHeadersHandler extends ChannelOutboundHandlerAdapter {

    /** Value of the {@code Server} header. */
    public static final String SERVER = "Switchboard";

    private static final AsciiString SERVER_VALUE = AsciiString.cached(SERVER);

    /** The Date value of one second; immutable, so it can be published through a volatile field. */
    private record Stamp(long epochSecond, AsciiString text) {
    }

    private final Clock clock;
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, AsciiString.EMPTY_STRING);

    /** Stamps responses with the time of {@code clock}. */
    public ResponseHeadersHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            response.headers()
                    .set(HttpHeaderNames.DATE, date())
                    .set(HttpHeaderNames.SERVER, SERVER_VALUE);
        }
        ctx.write(msg, promise);
    }

    /**
     * The Date value for now: the stored one while the clock is in the same second, else a new one.
     * Two event loops crossing a second together may both format it; either result is correct.
     */
    AsciiString date() {
        long second = Math.floorDiv(clock.millis(), 1000L);
        Stamp current = stamp;
        if (current.epochSecond() != second) {
            current = new Stamp(second, new AsciiString(HttpDates.format(Instant.ofEpochSecond(second))));
            stamp = current;
        }
        return current.text();
    }
}
