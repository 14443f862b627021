package dev.switchboard.http.handler;

import dev.switchboard.core.connection.ChannelLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates each request and bounds its body: a declared or received body over the limit gets
 * 413 and the connection closes, since the rest of the body would otherwise have to be read and
 * thrown away. {@code Expect: 100-continue} gets 100 (or 413 when the declared length is already
 * too large); any other expectation gets 417. Tells the request deadline, if there is one, when a
 * request is complete. Stateful, so one instance per connection.
 */
final class RequestSizeLimiter extends HttpObjectAggregator {

    private static final Logger log = LoggerFactory.getLogger(RequestSizeLimiter.class);

    private final RequestDeadline deadline;

    /** Bounds bodies to {@code maxRequestBody} bytes; {@code deadline} may be null (no request timeout). */
    RequestSizeLimiter(int maxRequestBody, RequestDeadline deadline) {
        super(maxRequestBody, true);
        this.deadline = deadline;
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        super.finishAggregation(aggregated);
        if (deadline != null) {
            deadline.requestComplete();
        }
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        // Read before super: the aggregator removes the Expect field once it has answered it.
        String expectation = start.headers().get(HttpHeaderNames.EXPECT);
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        // Netty's 413/417 have no body; replace them with ours so every error looks the same.
        if (answer instanceof FullHttpResponse response && response.status().code() != 100) {
            HttpResponseStatus status = response.status();
            response.release();
            log.warn(ChannelLog.format(pipeline.channel(), "refused expectation '"
                    + expectation + "' with " + status.code() + ", closing"));
            return HttpResponses.error(pipeline.channel().alloc(), status, false, true);
        }
        return answer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(HttpResponses.error(ctx.alloc(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, false, true));
        HttpConnections.close(ctx.channel(), HttpCloseReason.REQUEST_TOO_LARGE,
                "body over " + maxContentLength() + " bytes; answered 413");
    }
}
