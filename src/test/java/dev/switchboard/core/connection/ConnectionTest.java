package dev.switchboard.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Disconnector disconnector = new Disconnector(registry);
    private final List<CloseReason> goodbyes = new ArrayList<>();
    private final Goodbye recordingGoodbye = (channel, reason) -> {
        goodbyes.add(reason);
        channel.close();
    };

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private double closed(String protocol, CloseReason reason) {
        var counter = registry.find("switchboard.connections.closed").tag("protocol", protocol)
                .tag("reason", reason.tag()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void send_onTheChannelsLoop_thenWrittenAndFlushed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, Goodbye.CLOSE, disconnector);

        assertThat(connection.send(text("hello"))).isTrue();

        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        out.release();
        assertThat(Connection.of(channel)).isSameAs(connection);
        channel.finishAndReleaseAll();
    }

    @Test
    void close_whenCalledTwice_thenOneReasonOneGoodbyeOneCount() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, recordingGoodbye, disconnector);

        assertThat(connection.close(CoreCloseReason.SHUTDOWN, "first")).isTrue();
        assertThat(connection.close(CoreCloseReason.INTERNAL_ERROR, "second")).isFalse();
        channel.runPendingTasks();

        assertThat(goodbyes).containsExactly(CoreCloseReason.SHUTDOWN);
        assertThat(channel.isOpen()).isFalse();
        assertThat(connection.closeReason()).isEqualTo(CoreCloseReason.SHUTDOWN);
        assertThat(closed("test", CoreCloseReason.SHUTDOWN)).isEqualTo(1);
        assertThat(closed("test", CoreCloseReason.PEER_CLOSED)).isZero();
        assertThat(closed("test", CoreCloseReason.INTERNAL_ERROR)).isZero();
    }

    @Test
    void closedByPeer_whenThePeerSaysGoodbyeInTheProtocol_thenNoGoodbyeOneCountAndLaterClosesDoNothing() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, recordingGoodbye, disconnector);

        assertThat(connection.closedByPeer()).isTrue();
        assertThat(connection.closedByPeer()).isFalse();
        assertThat(connection.close(CoreCloseReason.SHUTDOWN, "too late")).isFalse();
        channel.runPendingTasks();
        channel.close();

        assertThat(goodbyes).isEmpty();
        assertThat(connection.isClosing()).isTrue();
        assertThat(closed("test", CoreCloseReason.PEER_CLOSED)).isEqualTo(1);
        assertThat(closed("test", CoreCloseReason.SHUTDOWN)).isZero();
    }

    @Test
    void closedByPeer_whenTheGatewayClosedFirst_thenFalseAndTheGatewaysReasonStands() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, recordingGoodbye, disconnector);

        connection.close(CoreCloseReason.SHUTDOWN, "first");

        assertThat(connection.closedByPeer()).isFalse();
        channel.runPendingTasks();
        assertThat(goodbyes).containsExactly(CoreCloseReason.SHUTDOWN);
        assertThat(closed("test", CoreCloseReason.PEER_CLOSED)).isZero();
    }

    @Test
    void close_whenThePeerClosedFirst_thenCountedAsPeerClosedAndLaterClosesDoNothing() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, recordingGoodbye, disconnector);

        channel.close();

        assertThat(closed("test", CoreCloseReason.PEER_CLOSED)).isEqualTo(1);
        assertThat(connection.close(CoreCloseReason.SHUTDOWN, "too late")).isFalse();
        channel.runPendingTasks();
        assertThat(goodbyes).isEmpty();
    }

    @Test
    void send_whenClosing_thenRefusedAndReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 1024, Goodbye.CLOSE, disconnector);
        connection.close(CoreCloseReason.SHUTDOWN, "bye");
        ByteBuf late = text("late");

        assertThat(connection.send(late)).isFalse();

        assertThat(late.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void send_whenOutputPastTheSlowConsumerLimit_thenRefusedAndClosedAsSlowConsumer() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = Connection.attach(channel, "test", 8, recordingGoodbye, disconnector);
        // Written but not flushed: it waits in the outbound buffer as a stalled peer's output would.
        channel.write(text("0123456789"));
        ByteBuf next = text("more");

        assertThat(connection.send(next)).isFalse();
        channel.runPendingTasks();

        assertThat(next.refCnt()).isZero();
        assertThat(goodbyes).containsExactly(CoreCloseReason.SLOW_CONSUMER);
        assertThat(closed("test", CoreCloseReason.SLOW_CONSUMER)).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void send_manyInOneLoopTurn_thenOneFlushCarriesThemAll() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress address = new LocalAddress("connection-coalescing");
        StringBuffer received = new StringBuffer();
        AtomicInteger flushes = new AtomicInteger();
        Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        received.append(buf.toString(StandardCharsets.US_ASCII));
                        buf.release();
                    }
                }).bind(address).sync().channel();
        try {
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelOutboundHandlerAdapter() {
                        @Override
                        public void flush(ChannelHandlerContext ctx) {
                            flushes.incrementAndGet();
                            ctx.flush();
                        }
                    }).connect(address).sync().channel();
            Connection connection = Connection.attach(client, "test", 1 << 20, Goodbye.CLOSE, disconnector);

            client.eventLoop().submit(() -> {
                for (int i = 0; i < 20; i++) {
                    connection.send(text(Integer.toString(i % 10)));
                }
            }).sync();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.length() == 20);
            assertThat(received.toString()).isEqualTo("01234567890123456789");
            assertThat(flushes.get()).isEqualTo(1);
            client.close().sync();
        } finally {
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void close_withCoalescedOutputPending_thenItIsFlushedBeforeTheGoodbyeAndNothingLeaks() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress address = new LocalAddress("connection-close-pending");
        StringBuffer received = new StringBuffer();
        Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        received.append(buf.toString(StandardCharsets.US_ASCII));
                        buf.release();
                    }
                }).bind(address).sync().channel();
        try {
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
            Goodbye lastWords = (channel, reason) -> channel.writeAndFlush(text("!"))
                    .addListener(written -> channel.close());
            Connection connection = Connection.attach(client, "test", 1 << 20, lastWords, disconnector);

            client.eventLoop().submit(() -> {
                connection.send(text("a"));
                connection.send(text("b"));
                connection.close(CoreCloseReason.SHUTDOWN, "draining");
                // Refused: the connection is closing; the buffer must still be released.
                connection.send(text("c"));
            }).sync();

            client.closeFuture().await(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.length() == 3);
            assertThat(received.toString()).isEqualTo("ab!");
        } finally {
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void send_whenTheChannelClosesWithOutputUnflushed_thenTheOutputIsReleased() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress address = new LocalAddress("connection-close-unflushed");
        Channel server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync().channel();
        try {
            Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter()).connect(address).sync().channel();
            Connection connection = Connection.attach(client, "test", 1 << 20, Goodbye.CLOSE, disconnector);
            ByteBuf pending = text("never flushed");

            client.eventLoop().submit(() -> {
                connection.send(pending);
                client.close();
            }).sync();

            client.closeFuture().await(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> pending.refCnt() == 0);
        } finally {
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    /** A client channel on an I/O loop (so writes wait for the turn's flush) whose peer appends what it reads. */
    private static final class LocalPair implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        final StringBuffer received = new StringBuffer();
        final Channel server;
        final Channel client;

        LocalPair(String name, ChannelHandler... clientStages) throws InterruptedException {
            LocalAddress address = new LocalAddress(name);
            server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf buf = (ByteBuf) msg;
                            received.append(buf.toString(StandardCharsets.US_ASCII));
                            buf.release();
                        }
                    }).bind(address).sync().channel();
            client = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(clientStages);
                        }
                    }).connect(address).sync().channel();
        }

        void onLoop(Runnable turn) throws Exception {
            client.eventLoop().submit(turn).sync();
        }

        @Override
        public void close() throws InterruptedException {
            client.close().sync();
            server.close().sync();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    /** Counts the writes that reach the stage next to the head: one per outbound-buffer entry. */
    private static final class WriteCounter extends ChannelOutboundHandlerAdapter {
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            writes.incrementAndGet();
            ctx.write(msg, promise);
        }
    }

    /** Encodes strings, so a test can send a message that is not bytes yet and goes down the pipeline. */
    private static final class StringStage extends MessageToByteEncoder<String> {
        @Override
        protected void encode(ChannelHandlerContext ctx, String msg, ByteBuf out) {
            out.writeCharSequence(msg, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void send_manyByteMessagesInOneLoopTurn_thenOneOutboundEntryCarriesThemAll() throws Exception {
        WriteCounter counter = new WriteCounter();
        try (LocalPair pair = new LocalPair("connection-one-entry", counter,
                new FlushConsolidationHandler(256, true))) {
            Connection connection = Connection.attach(pair.client, "test", 1 << 20, Goodbye.CLOSE, disconnector);

            pair.onLoop(() -> {
                for (int i = 0; i < 20; i++) {
                    connection.send(text(Integer.toString(i % 10)));
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> pair.received.length() == 20);
            assertThat(pair.received.toString()).isEqualTo("01234567890123456789");
            assertThat(counter.writes.get()).isEqualTo(1);
            assertThat(pair.client.pipeline().names()).containsSubsequence("FlushConsolidationHandler#0",
                    TurnOutput.NAME);
        }
    }

    @Test
    void send_mixedWithDirectWritesObjectsAndLargeMessages_thenThePeerReadsThemInCallOrder() throws Exception {
        try (LocalPair pair = new LocalPair("connection-mixed-order", new StringStage())) {
            Connection connection = Connection.attach(pair.client, "test", 1 << 20, Goodbye.CLOSE, disconnector);
            String large = "L".repeat(TurnOutput.COPY_LIMIT + 1);

            pair.onLoop(() -> {
                connection.send(text("a"));
                // A protocol stage writing on its own (a pong, a close frame) must not overtake queued bytes.
                pair.client.write(text("B"));
                connection.send(text("c"));
                connection.send("D");
                connection.send(text("e"));
                connection.send(text(large));
                connection.send(text("f"));
                pair.client.writeAndFlush(text("G"));
                connection.send(text("h"));
            });

            String expected = "aBcDe" + large + "fGh";
            await().atMost(Duration.ofSeconds(10)).until(() -> pair.received.length() == expected.length());
            assertThat(pair.received.toString()).isEqualTo(expected);
        }
    }

    @Test
    void close_withTurnOutputPending_thenEveryBufferIsReleased() throws Exception {
        List<ByteBuf> allocated = new CopyOnWriteArrayList<>();
        try (LocalPair pair = new LocalPair("connection-close-turn-pending")) {
            pair.client.config().setAllocator(new TrackingAllocator(allocated));
            Connection connection = Connection.attach(pair.client, "test", 1 << 20, Goodbye.CLOSE, disconnector);
            ByteBuf first = text("one");
            ByteBuf second = text("two");

            pair.onLoop(() -> {
                connection.send(first);
                connection.send(second);
                // Closed in the same turn: the turn's bytes were never flushed and must not outlive the channel.
                pair.client.close();
                connection.send(text("late"));
            });

            pair.client.closeFuture().await(10, TimeUnit.SECONDS);
            assertThat(allocated).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> allocated.stream().allMatch(b -> b.refCnt() == 0));
            assertThat(first.refCnt()).isZero();
            assertThat(second.refCnt()).isZero();
            assertThat(pair.received.toString()).isEmpty();
        }
    }

    @Test
    void send_whenTheTurnsBytesPassTheSlowConsumerLimit_thenRefusedAndClosedAsSlowConsumer() throws Exception {
        List<CloseReason> reasons = new CopyOnWriteArrayList<>();
        Goodbye recording = (channel, reason) -> {
            reasons.add(reason);
            channel.close();
        };
        try (LocalPair pair = new LocalPair("connection-turn-slow-consumer")) {
            Connection connection = Connection.attach(pair.client, "test", 8, recording, disconnector);
            List<Boolean> accepted = new CopyOnWriteArrayList<>();

            pair.onLoop(() -> {
                for (int i = 0; i < 3; i++) {
                    accepted.add(connection.send(text("012345")));
                }
            });

            // 6 bytes, then 12 queued in this turn: the third send is past the limit of 8.
            assertThat(accepted).containsExactly(true, true, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !reasons.isEmpty());
            assertThat(reasons).containsExactly(CoreCloseReason.SLOW_CONSUMER);
        }
    }

    @Test
    void write_afterTheGoodbye_thenDroppedAndReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Goodbye lastWords = (ch, reason) -> ch.writeAndFlush(text("bye"));
        Connection connection = Connection.attach(channel, "test", 1024, lastWords, disconnector);
        connection.close(CoreCloseReason.SHUTDOWN, "draining");
        channel.runPendingTasks();
        ByteBuf late = text("late");

        // A batch admitted before the close runs after the goodbye: its bytes must not follow the last words.
        connection.write(late);

        assertThat(late.refCnt()).isZero();
        assertThat(read(channel)).isEqualTo("bye");
        assertThat(channel.outboundMessages()).isEmpty();
        channel.finishAndReleaseAll();
    }

    private static String read(EmbeddedChannel channel) {
        ByteBuf buf = channel.readOutbound();
        try {
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    /** A pooled allocator that remembers every buffer it hands out. */
    private static final class TrackingAllocator extends AbstractByteBufAllocator {
        private final List<ByteBuf> allocated;

        TrackingAllocator(List<ByteBuf> allocated) {
            super(true);
            this.allocated = allocated;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return track(PooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return track(PooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity));
        }

        private ByteBuf track(ByteBuf buf) {
            allocated.add(buf);
            return buf;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return true;
        }
    }
}
