package dev.switchboard.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Disconnector disconnector = new Disconnector(registry);

    private Connection connection(Channel channel) {
        Connection existing = Connection.of(channel);
        return existing != null ? existing : Connection.attach(channel, "test", 1 << 20, Goodbye.CLOSE, disconnector);
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String read(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void submit_whenRecipientsOnCallersLoop_thenWrittenInOrderAndFlushed() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        Broadcast writes = new Broadcast();
        writes.add(connection(a), text("1"));
        writes.add(connection(b), text("x"));
        writes.add(connection(a), text("2"));

        assertThat(a.outboundMessages()).isEmpty();
        writes.submit();

        assertThat(read(a)).isEqualTo("1");
        assertThat(read(a)).isEqualTo("2");
        assertThat(read(b)).isEqualTo("x");
        assertFalse(a.finish());
        assertFalse(b.finish());
    }

    @Test
    void submit_whenChannelClosedBeforeTheBatchRuns_thenItsMessageIsReleasedNotLeaked() {
        EmbeddedChannel open = new EmbeddedChannel();
        EmbeddedChannel closed = new EmbeddedChannel();
        ByteBuf lost = text("gone");
        Broadcast writes = new Broadcast();
        writes.add(connection(open), text("kept"));
        writes.add(connection(closed), lost);
        closed.close();

        writes.submit();

        assertThat(lost.refCnt()).isZero();
        assertThat(read(open)).isEqualTo("kept");
        assertFalse(open.finish());
    }

    @Test
    void submit_whenAnEarlierBroadcastIsQueuedOnTheCallersLoop_thenTheLaterOneDoesNotOvertakeIt() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        LocalAddress address = new LocalAddress("loop-batched-writes-order");
        StringBuffer received = new StringBuffer();
        CountDownLatch both = new CountDownLatch(2);
        Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        received.append(buf.toString(StandardCharsets.US_ASCII));
                        buf.release();
                        both.countDown();
                    }
                }).bind(address).sync().channel();
        try {
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
            EventLoop loop = client.eventLoop();
            loop.submit(() -> {
                // Another thread's broadcast lands in this loop's queue while the loop is busy here.
                Thread other = new Thread(() -> {
                    Broadcast first = new Broadcast();
                    first.add(connection(client), text("1"));
                    first.submit();
                });
                other.start();
                other.join();
                Broadcast second = new Broadcast();
                second.add(connection(client), text("2"));
                second.submit();
                return null;
            }).sync();
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(received.toString()).isEqualTo("12");
            client.close().sync();
        } finally {
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
