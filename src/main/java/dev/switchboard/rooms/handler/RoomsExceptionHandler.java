package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.rooms.message.RoomsCloseReason;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives WebSocket-level failures their close reason (spec §3, §9) through the core disconnector, so each is
 * logged once at warn, and passes everything else on to the core's tail handler. Netty's frame decoder and UTF-8
 * validator only report (they send no close frame themselves), so the one close frame comes from here.
 */
@Sharable
public final class RoomsExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RoomsExceptionHandler.class);

    public static final RoomsExceptionHandler INSTANCE = new RoomsExceptionHandler();

    private RoomsExceptionHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof PrematureChannelClosureException) {
            // The aggregator saw the connection end inside a fragmented message: the peer left, nothing failed.
            if (log.isDebugEnabled()) {
                log.debug(ChannelLog.format(ctx.channel(), "connection ended inside a fragmented message"));
            }
        } else if (root instanceof TooLongFrameException) {
            // WebSocketFrameAggregator: the fragments of one message add up to more than max-message-size.
            Connection.of(ctx.channel()).close(RoomsCloseReason.TOO_LARGE, root.getMessage());
        } else if (root instanceof CorruptedWebSocketFrameException corrupt) {
            Connection.of(ctx.channel()).close(RoomsCloseReason.ofFramingError(corrupt.closeStatus().code()),
                    root.getMessage());
        } else if (root instanceof CorruptedFrameException) {
            Connection.of(ctx.channel()).close(RoomsCloseReason.WEBSOCKET_PROTOCOL, root.getMessage());
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
