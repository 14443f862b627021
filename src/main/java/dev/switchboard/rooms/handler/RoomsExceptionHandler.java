package dev.switchboard.rooms.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.rooms.RoomsMetrics;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives WebSocket-level failures their close code (spec §3, §9) and passes everything else on to the core's tail
 * handler. Netty's frame decoder has already sent its close frame (1002 or 1009) when it reports a corrupt frame.
 */
@Sharable
public final class RoomsExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RoomsExceptionHandler.class);

    private final RoomsDisconnector disconnector;
    private final RoomsMetrics metrics;

    public RoomsExceptionHandler(RoomsDisconnector disconnector, RoomsMetrics metrics) {
        this.disconnector = disconnector;
        this.metrics = metrics;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof TooLongFrameException) {
            // WebSocketFrameAggregator: the fragments of one message add up to more than max-message-size.
            disconnector.protocolError(ctx.channel(), WebSocketCloseStatus.MESSAGE_TOO_BIG, "too-large",
                    root.getMessage());
        } else if (root instanceof CorruptedWebSocketFrameException corrupt) {
            metrics.disconnected("websocket-protocol");
            log.warn(ChannelLog.format(ctx.channel(), "WebSocket protocol error, closed with "
                    + corrupt.closeStatus().code() + ": " + root.getMessage()));
            ctx.close();
        } else if (root instanceof PrematureChannelClosureException) {
            // The aggregator reports a peer that went away mid-message; the connection is already closed.
            log.debug(ChannelLog.format(ctx.channel(), "closed in the middle of a fragmented message"));
        } else if (root instanceof CorruptedFrameException) {
            metrics.disconnected("websocket-protocol");
            log.warn(ChannelLog.format(ctx.channel(), "WebSocket protocol error: " + root.getMessage()));
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
