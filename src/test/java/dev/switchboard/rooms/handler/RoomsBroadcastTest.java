package dev.switchboard.rooms.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.codec.TPacketEncoder;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Room broadcasts to WebSocket members through the service: one encoding shared by every member, the core's
 * per-loop batches and slow-consumer rule, and a member that is not a connection in the same room.
 */
class RoomsBroadcastTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Disconnector disconnector = new Disconnector(registry);
    private final Rooms rooms = new Rooms(RoomsLimits.defaults());
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    /** One per gateway, shared by every member, as the upgrader shares it. */
    private RoomsBroadcast broadcast = new RoomsBroadcast(UnpooledByteBufAllocator.DEFAULT, RoomsMetrics.NOOP,
            BroadcastMeter.NONE);
    private int nicks;

    /** Holds flushes back, so written frames pile up in the channel's outbound buffer like on a stalled socket. */
    private static final class StalledSocket extends ChannelOutboundHandlerAdapter {
        boolean stalled;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!stalled) {
                ctx.flush();
            }
        }
    }

    /** A WebSocket member of room "lobby" on {@code channel}, with everything its join wrote already taken. */
    private RoomsConnection member(EmbeddedChannel channel, long slowConsumerLimit) {
        Connection connection = Connection.attach(channel, RoomsUpgrader.PROTOCOL, slowConsumerLimit,
                new RoomsGoodbye(rooms), disconnector);
        RoomsConnection session = RoomsConnection.attach(connection, rooms.allocateMemberId(), broadcast,
                RoomsMetrics.NOOP, new TrustGateHandler(rooms, "magic", 5), new RoomsSessionHandler(rooms,
                        RoomsMetrics.NOOP));
        session.markOpen();
        join(session);
        channels.add(channel);
        takeAll();
        return session;
    }

    private void join(RoomSession session) {
        assertThat(rooms.setNick(session, ("member" + nicks++).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Rooms.NickOutcome.ACCEPTED);
        assertThat(rooms.join(session, 1, "lobby".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Rooms.JoinOutcome.JOINED);
    }

    /** Runs every member's queued writes and releases what they wrote. */
    private void takeAll() {
        for (EmbeddedChannel channel : channels) {
            channel.runPendingTasks();
            Object written;
            while ((written = channel.readOutbound()) != null) {
                ReferenceCountUtil.release(written);
            }
        }
    }

    private void notice(String text) {
        assertThat(rooms.notice("lobby", text)).isEqualTo(Rooms.NoticeOutcome.POSTED);
    }

    private double closed(String reason) {
        Counter counter = registry.find(GatewayMeters.CONNECTIONS_CLOSED).tag(GatewayMeters.Tags.PROTOCOL, "rooms")
                .tag(GatewayMeters.Tags.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void broadcast_whenWritableMembers_thenOneFrameEncodingCopiedToAllAndReleased() {
        List<ByteBuf> encodings = new ArrayList<>();
        broadcast = new RoomsBroadcast(new AbstractByteBufAllocator(false) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
                encodings.add(buf);
                return buf;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return newHeapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        }, RoomsMetrics.NOOP, BroadcastMeter.NONE);
        List<EmbeddedChannel> members = List.of(new EmbeddedChannel(), new EmbeddedChannel(), new EmbeddedChannel());
        members.forEach(ch -> member(ch, 1024));
        encodings.clear();

        notice("hi");
        members.forEach(EmbeddedChannel::runPendingTasks);

        // The whole frame as Netty's encoder would send it, for every member; encoded once, released once.
        byte[] expected = frameBytes(TPacket.loggedMsg("* hi".getBytes(StandardCharsets.UTF_8)));
        for (EmbeddedChannel member : members) {
            ByteBuf written = member.readOutbound();
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(expected);
            written.release();
        }
        assertThat(encodings).hasSize(1);
        assertThat(encodings.get(0).refCnt()).isZero();
        members.forEach(ch -> assertFalse(ch.finish()));
    }

    /** What Netty's server-side WebSocket encoder writes for the packet as one binary frame. */
    private static byte[] frameBytes(TPacket packet) {
        EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        encoder.writeOutbound(new BinaryWebSocketFrame(TPacketEncoder.encode(UnpooledByteBufAllocator.DEFAULT,
                packet)));
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = encoder.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        try {
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
            assertFalse(encoder.finish());
        }
    }

    /** Whether {@code written} is a binary data frame's bytes (a broadcast), not an object. */
    private static boolean isBinaryFrameBytes(Object written) {
        return written instanceof ByteBuf bytes && bytes.readableBytes() > 2 && bytes.getUnsignedByte(0) == 0x82;
    }

    @Test
    void broadcast_whenUnderTheRoomLock_thenNothingIsWrittenUntilTheLoopRunsItsBatch() {
        EmbeddedChannel channel = new EmbeddedChannel();
        member(channel, 1024);

        notice("queued, not written inline");

        assertThat(channel.outboundMessages()).as("written by the loop's task, after the lock").isEmpty();
        channel.runPendingTasks();
        assertThat(channel.outboundMessages()).hasSize(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void broadcast_whenMemberIsNotAConnection_thenItGetsThePacketAndWebSocketMembersTheFrame() {
        EmbeddedChannel channel = new EmbeddedChannel();
        member(channel, 1024);
        List<TPacket> virtualReceived = new ArrayList<>();
        RoomSession virtual = new RoomSession() {
            private int id = rooms.allocateMemberId();

            @Override
            public int memberId() {
                return id;
            }

            @Override
            public void assignMemberId(int memberId) {
                id = memberId;
            }

            @Override
            public void send(TPacket packet) {
                virtualReceived.add(packet);
            }

            @Override
            public void kick(String reason) {
            }
        };
        join(virtual);
        takeAll();
        virtualReceived.clear();

        notice("to both kinds");
        channel.runPendingTasks();

        assertThat(virtualReceived).containsExactly(TPacket.loggedMsg("* to both kinds".getBytes(StandardCharsets.UTF_8)));
        Object frame = channel.readOutbound();
        assertThat(isBinaryFrameBytes(frame)).isTrue();
        ReferenceCountUtil.release(frame);
        channel.finishAndReleaseAll();
    }

    @Test
    void broadcast_whenMemberUnwritableBelowLimit_thenEverythingQueuedNothingClosed() {
        StalledSocket socket = new StalledSocket();
        // The core's flush consolidation behind the stalled socket, as on a listener: the turn output goes behind it.
        EmbeddedChannel slow = new EmbeddedChannel(socket, new FlushConsolidationHandler());
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        EmbeddedChannel fast = new EmbeddedChannel();
        member(slow, 10_000);
        member(fast, 10_000);
        socket.stalled = true;

        notice("first message fills the buffer");
        slow.runPendingTasks();
        assertThat(slow.isWritable()).isFalse();
        notice("second waits in the slow one's queue");
        notice("third as well");
        slow.runPendingTasks();
        fast.runPendingTasks();

        assertThat(closed("slow-consumer")).isZero();
        socket.stalled = false;
        slow.flush();
        assertThat(slow.outboundMessages()).hasSize(3);
        assertThat(fast.outboundMessages()).hasSize(3);
        assertThat(slow.isOpen()).isTrue();
        slow.finishAndReleaseAll();
        fast.finishAndReleaseAll();
    }

    @Test
    void broadcast_whenSlowConsumerFoundAgainAndAgain_thenClosedOnceCountedOnceOneCloseFrameAtFrameBoundary() {
        StalledSocket socket = new StalledSocket();
        // The core's flush consolidation behind the stalled socket, as on a listener: the turn output goes behind it.
        EmbeddedChannel slow = new EmbeddedChannel(socket, new FlushConsolidationHandler());
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        RoomsConnection member = member(slow, 40);
        socket.stalled = true;

        for (int i = 0; i < 10; i++) {
            notice("a notice long enough to pass the limit " + i);
            slow.runPendingTasks();
        }

        assertThat(member.connection().closeReason()).isEqualTo(CoreCloseReason.SLOW_CONSUMER);
        assertThat(closed("slow-consumer")).isEqualTo(1);
        socket.stalled = false;
        slow.flush();
        slow.runPendingTasks();
        List<Object> written = new ArrayList<>(slow.outboundMessages());
        // Whole data frames, then exactly one close frame, last.
        assertThat(written).last().isInstanceOf(CloseWebSocketFrame.class);
        assertThat(written.subList(0, written.size() - 1)).isNotEmpty()
                .allMatch(RoomsBroadcastTest::isBinaryFrameBytes);
        assertThat(written).filteredOn(CloseWebSocketFrame.class::isInstance).hasSize(1);
        assertThat(((CloseWebSocketFrame) written.get(written.size() - 1)).statusCode()).isEqualTo(1008);
        assertThat(slow.isOpen()).isFalse();
        slow.finishAndReleaseAll();
    }

    @Test
    void broadcast_whenOurCloseFrameLeftBeforeTheBatchRan_thenNothingFollowsTheCloseFrame() {
        EmbeddedChannel channel = new EmbeddedChannel();
        RoomsConnection member = member(channel, 10_000);
        channel.pipeline().addLast(new ClosingHandshakeHandler(60_000, member.connection()));

        // Admitted while the connection was open; its batch runs only after the close frame was written.
        notice("queued before the close");
        channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        channel.runPendingTasks();

        Object first = channel.readOutbound();
        assertThat(first).isInstanceOf(CloseWebSocketFrame.class);
        ReferenceCountUtil.release(first);
        assertThat(channel.outboundMessages()).isEmpty();
        channel.finishAndReleaseAll();
    }
}
