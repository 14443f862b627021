package dev.switchboard.http.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.HttpMetrics;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each response is counted by status and timed against its own request, pipelined ones included. */
class ResponseMetricsHandlerTest {

    private final List<long[]> recorded = new ArrayList<>();
    private final HttpMetrics metrics = new HttpMetrics() {
        @Override
        public void responseSent(int status) {
            responseSent(status, -1);
        }

        @Override
        public void responseSent(int status, long elapsedNanos) {
            recorded.add(new long[] {status, elapsedNanos});
        }
    };

    @Test
    void write_whenPipelinedRequestsAnsweredInOrder_thenEachTimedAndInterimNotCounted() {
        EmbeddedChannel channel = new EmbeddedChannel(new ResponseMetricsHandler(metrics));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a"));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/b"));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND));
        // An unsolicited response (no request waiting) is counted but not timed.
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT));

        assertThat(recorded).extracting(r -> r[0]).containsExactly(100L, 200L, 404L, 408L);
        assertThat(recorded.get(0)[1]).isNegative();
        assertThat(recorded.get(1)[1]).isNotNegative();
        assertThat(recorded.get(2)[1]).isNotNegative();
        assertThat(recorded.get(3)[1]).isNegative();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
        channel.finishAndReleaseAll();
    }
}
