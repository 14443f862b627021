package dev.switchboard.http.handler;

import dev.switchboard.core.connection.CoreCloseReason;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Answers requests the decoder could not parse: a request line over the limit gets 414, a header
 * block over the limit 431, anything else malformed 400; the connection then closes because the
 * decoder discards everything after a bad message. A connection that closes in the middle of a
 * request (head or body), whoever closed it, ends quietly: no answer, no error.
 */
@Sharable
final class RequestGuard extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object) || object.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        Throwable cause = object.decoderResult().cause();
        ReferenceCountUtil.release(msg);
        if (cause instanceof PrematureChannelClosureException) {
            // The decoder reports a request head cut short by the connection closing (the idle timeout
            // or the peer): nobody is left to read an answer, and nothing was malformed.
            HttpConnections.close(ctx.channel(), CoreCloseReason.PEER_CLOSED, "closed in the middle of a request head");
            return;
        }
        HttpResponseStatus status;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
        }
        ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), status, false, true));
        HttpConnections.close(ctx.channel(), HttpCloseReason.MALFORMED_REQUEST,
                cause.getMessage() + "; answered " + status.code());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PrematureChannelClosureException) {
            HttpConnections.close(ctx.channel(), CoreCloseReason.PEER_CLOSED, "closed in the middle of a request");
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
