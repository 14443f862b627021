package dev.switchboard.core.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every pipeline: sorts whatever failure reached the tail by how alarming it is and
 * closes the connection, so no exception is ever left unhandled or a channel left half-alive.
 */
@Sharable
public final class TailExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TailExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolation) {
            log.warn(ChannelLog.format(ctx.channel(), "protocol violation, closing: " + root.getMessage()));
        } else if (root instanceof IOException || root instanceof ClosedChannelException) {
            log.debug(ChannelLog.format(ctx.channel(), "I/O error, closing: " + root));
        } else {
            log.error(ChannelLog.format(ctx.channel(), "unexpected failure, closing"), root);
        }
        ctx.close();
    }
}
