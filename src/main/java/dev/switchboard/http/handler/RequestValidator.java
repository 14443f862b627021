package dev.switchboard.http.handler;

import dev.switchboard.core.connection.ChannelLog;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses well-formed requests this server cannot take: a version other than HTTP/1.0 or 1.1
 * gets 505, an HTTP/1.1 request without exactly one {@code Host} (or a 1.0 one with several)
 * gets 400 (RFC 9112 §3.2); both close the connection.
 */
@Sharable
final class RequestValidator extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(RequestValidator.class);

    RequestValidator() {
        // Passes valid requests on with their reference intact.
        super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpVersion version = request.protocolVersion();
        HttpResponseStatus refusal = null;
        String reason = null;
        if (!version.protocolName().equals("HTTP") || version.majorVersion() != 1 || version.minorVersion() > 1) {
            refusal = HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
            reason = "unsupported version " + version.text();
        } else {
            int hosts = request.headers().getAll(HttpHeaderNames.HOST).size();
            if (hosts > 1 || (hosts == 0 && version.equals(HttpVersion.HTTP_1_1))) {
                refusal = HttpResponseStatus.BAD_REQUEST;
                reason = hosts == 0 ? "HTTP/1.1 request without Host" : "several Host fields";
            }
        }
        if (refusal == null) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        request.release();
        log.warn(ChannelLog.format(ctx.channel(), reason + ", answering " + refusal.code() + " and closing"));
        // The keep-alive stage sees Connection: close and closes after the response.
        ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), refusal, head, true));
    }
}
