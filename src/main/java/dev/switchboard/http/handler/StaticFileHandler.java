package dev.switchboard.http.handler;

import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.http.service.RequestConditions;
import dev.switchboard.http.service.StaticFiles;
import dev.switchboard.http.service.StaticReply;
import dev.switchboard.http.service.StaticRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request that reaches it from the static files, as {@link StaticFiles} decides:
 * GET and HEAD with conditional and range support, errors as small HTML pages. Consumes the request.
 */
@Sharable
public final class StaticFileHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(StaticFileHandler.class);

    private final StaticFiles files;

    /** Serves from {@code files}. */
    public StaticFileHandler(StaticFiles files) {
        this.files = files;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        RequestConditions conditions = conditions(request.headers());
        StaticReply reply = files.answer(new StaticRequest(request.method().name(), request.uri(), conditions));
        if (reply instanceof StaticReply.Entity entity) {
            try {
                EntityWriter.write(ctx, entity);
            } catch (IOException e) {
                // The file went away (or became unreadable) between the lookup and the open.
                log.debug(ChannelLog.format(ctx.channel(), "cannot open " + request.uri() + ": " + e));
                ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.NOT_FOUND, entity.headOnly(), false));
            }
        } else if (reply instanceof StaticReply.NotModified notModified) {
            FullHttpResponse response = EntityWriter.complete(HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER);
            notModified.headers().forEach(response.headers()::set);
            ctx.writeAndFlush(response);
        } else if (reply instanceof StaticReply.Redirect redirect) {
            ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.MOVED_PERMANENTLY, redirect.headOnly(),
                    false, Map.of(HttpHeaderNames.LOCATION.toString(), redirect.location())));
        } else if (reply instanceof StaticReply.Failure failure) {
            if (failure.badInput()) {
                log.warn(ChannelLog.format(ctx.channel(), "refused " + request.method() + " " + request.uri()
                        + " (" + failure.reason() + "), answering " + failure.status()));
            }
            ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.valueOf(failure.status()),
                    failure.headOnly(), false, failure.headers()));
        }
    }

    private static RequestConditions conditions(HttpHeaders h) {
        String ifMatch = joined(h, HttpHeaderNames.IF_MATCH);
        String ifNoneMatch = joined(h, HttpHeaderNames.IF_NONE_MATCH);
        String ifModifiedSince = h.get(HttpHeaderNames.IF_MODIFIED_SINCE);
        String ifUnmodifiedSince = h.get(HttpHeaderNames.IF_UNMODIFIED_SINCE);
        String range = h.get(HttpHeaderNames.RANGE);
        String ifRange = h.get(HttpHeaderNames.IF_RANGE);
        if (ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null
                && range == null && ifRange == null) {
            return RequestConditions.NONE;
        }
        return new RequestConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, range, ifRange);
    }

    /** A list-valued field sent on several lines is one comma-separated list (RFC 9110 §5.3). */
    private static String joined(HttpHeaders headers, AsciiString name) {
        String first = headers.get(name);
        if (first == null) {
            return null;
        }
        List<String> values = headers.getAll(name);
        return values.size() == 1 ? first : String.join(", ", values);
    }
}
