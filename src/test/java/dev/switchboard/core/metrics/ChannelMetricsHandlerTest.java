package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The core's first stage: connections counted, and each read marked for the work it causes. */
class ChannelMetricsHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InboundMark mark = new InboundMark();
    private final ChannelMetricsHandler handler = new ChannelMetricsHandler(
            new MicrometerChannelMetricsRecorder(registry, mark).forListener("sea"));

    @Test
    void channelRead_whenHandled_thenThreadMarkedDuringTheReadOnlyAndChannelStamped() {
        AtomicLong seenDuringRead = new AtomicLong();
        EmbeddedChannel channel = new EmbeddedChannel(handler, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seenDuringRead.set(mark.acceptedNanos());
                ReferenceCountUtil.release(msg);
            }
        });

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));

        assertThat(seenDuringRead.get()).isNotZero();
        assertThat(mark.lastRead(channel)).isEqualTo(seenDuringRead.get());
        assertThat(mark.acceptedNanos()).isZero();
        assertThat(registry.get(GatewayMeters.LISTENER_BYTES_IN).counter().count()).isEqualTo(3);
        assertThat(registry.get(GatewayMeters.LISTENER_ACCEPTED).counter().count()).isEqualTo(1);
        channel.finishAndReleaseAll();
        assertThat(registry.get(GatewayMeters.LISTENER_CLOSED).counter().count()).isEqualTo(1);
    }
}
