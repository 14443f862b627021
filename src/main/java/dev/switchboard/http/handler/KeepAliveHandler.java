package dev.switchboard.http.handler;

import dev.switchboard.core.connection.ChannelLog;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides per request whether the connection stays open, by RFC 9112 §9.3: HTTP/1.1 persists
 * unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}, which the
 * response then repeats. Pipelined requests are answered in arrival order because every stage
 * after this one answers synchronously; this stage remembers each request's decision in that
 * order. After a response that closes, later pipelined requests are dropped unanswered.
 * Stateful, so one instance per connection.
 */
final class KeepAliveHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(KeepAliveHandler.class);

    private record Pending(boolean keepAlive, boolean http10) {
        /** The four possible decisions, shared, so remembering one costs no allocation per request. */
        private static final Pending[] ALL = {
            new Pending(false, false), new Pending(false, true), new Pending(true, false), new Pending(true, true)};

        static Pending of(boolean keepAlive, boolean http10) {
            return ALL[(keepAlive ? 2 : 0) + (http10 ? 1 : 0)];
        }
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean closing;
    private boolean responseKeepsAlive;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (closing) {
                ReferenceCountUtil.release(msg);
                if (log.isDebugEnabled()) {
                    log.debug(ChannelLog.format(ctx.channel(), "dropping request pipelined after a closing one"));
                }
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            pending.add(Pending.of(keepAlive, request.protocolVersion().equals(HttpVersion.HTTP_1_0)));
            if (!keepAlive) {
                closing = true;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !isInterim(response)) {
            Pending request = pending.peek();
            responseKeepsAlive = request != null && request.keepAlive() && HttpUtil.isKeepAlive(response)
                    && hasOwnLength(response);
            if (!responseKeepsAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                closing = true;
            } else if (request.http10()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        }
        if (endsResponse(msg)) {
            pending.poll();
            if (!responseKeepsAlive) {
                promise = promise.unvoid();
                promise.addListener(written -> HttpConnections.close(ctx.channel(),
                        HttpCloseReason.RESPONSE_ENDS_CONNECTION, ""));
            }
        }
        ctx.write(msg, promise);
    }

    /**
     * The last message of a final response: its {@link LastHttpContent}, or a streamed body, which
     * carries its {@link LastHttpContent} inside and is expanded only nearer the socket, so this
     * stage never sees that piece on its own. A streamed body's promise completes once its last piece
     * is written.
     */
    private static boolean endsResponse(Object msg) {
        if (msg instanceof HttpChunkedInput) {
            return true;
        }
        return msg instanceof LastHttpContent && !(msg instanceof HttpResponse response && isInterim(response));
    }

    /** 1xx responses (other than 101) precede the final response to the same request. */
    private static boolean isInterim(HttpResponse response) {
        return response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                && response.status().code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    }

    /** Without a length or chunking, only closing the connection can end the body. */
    private static boolean hasOwnLength(HttpResponse response) {
        int code = response.status().code();
        return HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response)
                || code == 204 || code == 304;
    }
}
