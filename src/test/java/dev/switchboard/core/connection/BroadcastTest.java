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

    @Test
    void addCopy_whenSharedBytesGoToSeveralRecipients_thenEachGetsTheBytesAndTheCallerKeepsItsOnlyReference() {
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        ByteBuf shared = text("hello");
        Broadcast writes = new Broadcast();
        writes.addCopy(connection(a), shared);
        writes.add(connection(a), text("+own"));
        writes.addCopy(connection(b), shared);
        writes.addCopy(connection(a), shared);

        writes.submit();

        assertThat(read(a)).isEqualTo("hello");
        assertThat(read(a)).isEqualTo("+own");
        assertThat(read(a)).isEqualTo("hello");
        assertThat(read(b)).isEqualTo("hello");
        assertThat(shared.refCnt()).isEqualTo(1);
        assertThat(shared.readerIndex()).isZero();
        shared.release();
        assertFalse(a.finish());
        assertFalse(b.finish());
    }

    @Test
    void addCopy_whenLargeOrTheRecipientClosedBeforeTheBatchRuns_thenNothingLeaks() {
        EmbeddedChannel open = new EmbeddedChannel();
        EmbeddedChannel closed = new EmbeddedChannel();
        ByteBuf large = text("x".repeat(TurnOutput.COPY_LIMIT + 1));
        Broadcast writes = new Broadcast();
        writes.addCopy(connection(open), large);
        writes.addCopy(connection(closed), large);
        closed.close();

        writes.submit();

        assertThat(read(open)).hasSize(TurnOutput.COPY_LIMIT + 1);
        assertThat(large.refCnt()).isEqualTo(1);
        large.release();
        assertFalse(open.finish());
    }

    @Test
    void addCopy_whenTheLoopRefusesTheBatch_thenItsReferenceIsReleased() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        LocalAddress address = new LocalAddress("broadcast-refused-batch");
        Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
        Connection recipient = connection(client);
        ByteBuf shared = text("never sent");
        ByteBuf own = text("own");
        Broadcast writes = new Broadcast();
        writes.addCopy(recipient, shared);
        writes.add(recipient, own);
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();

        writes.submit();

        assertThat(own.refCnt()).isZero();
        assertThat(shared.refCnt()).isEqualTo(1);
        shared.release();
    }
}
