package dev.switchboard.rooms.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.RoomSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EncodeOnceFanoutTest {

    private final List<String> dropped = new CopyOnWriteArrayList<>();
    private final RoomsMetrics metrics = new RoomsMetrics() {
        @Override public void connectionOpened() { }
        @Override public void connectionClosed() { }
        @Override public void messageIn() { }
        @Override public void packetsOut(String kind, int count) { }
        @Override public void messageDropped(String reason) { dropped.add(reason); }
        @Override public void disconnected(String reason) { dropped.add("disconnect:" + reason); }
        @Override public void becameUnwritable() { }
    };
    private final RoomsDisconnector disconnector = new RoomsDisconnector(metrics);
    private int nextId = 0x1000;

    /** Holds flushes back, so written frames pile up in the channel's outbound buffer like on a stalled socket. */
    private static final class StalledSocket extends ChannelOutboundHandlerAdapter {
        boolean stalled = true;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (!stalled) {
                ctx.flush();
            }
        }
    }

    private RoomsConnection connection(EmbeddedChannel channel) {
        return RoomsConnection.attach(channel, nextId++, disconnector, metrics);
    }

    private static TPacket chat(String text) {
        return TPacket.newMsg(0x1000, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void broadcast_whenWritableMembers_thenOneEncodingSharedByAllAndReleased() {
        // Heap buffers, so the test can compare backing arrays.
        EncodeOnceFanout fanout = new EncodeOnceFanout(new UnpooledByteBufAllocator(false), metrics, disconnector,
                1024);
        List<EmbeddedChannel> channels = List.of(new EmbeddedChannel(), new EmbeddedChannel(), new EmbeddedChannel());
        List<RoomSession> recipients = new ArrayList<>();
        channels.forEach(ch -> recipients.add(connection(ch)));

        fanout.broadcast(recipients, chat("hi"));

        List<BinaryWebSocketFrame> frames = new ArrayList<>();
        channels.forEach(ch -> frames.add(ch.readOutbound()));
        try {
            // Duplicates of one heap buffer share its backing array: the packet was encoded once.
            byte[] shared = frames.get(0).content().array();
            assertThat(frames).allSatisfy(f -> assertThat(f.content().array()).isSameAs(shared));
            assertThat(frames.get(0).content().refCnt()).isEqualTo(3);
        } finally {
            ByteBuf any = frames.get(0).content();
            frames.forEach(BinaryWebSocketFrame::release);
            assertThat(any.refCnt()).isZero();
        }
        assertThat(dropped).isEmpty();
        channels.forEach(ch -> assertFalse(ch.finish()));
    }

    @Test
    void broadcast_whenMemberUnwritableBelowLimit_thenEverythingQueuedNothingDropped() {
        EncodeOnceFanout fanout = new EncodeOnceFanout(UnpooledByteBufAllocator.DEFAULT, metrics, disconnector,
                10_000);
        StalledSocket socket = new StalledSocket();
        EmbeddedChannel slow = new EmbeddedChannel(socket);
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        EmbeddedChannel fast = new EmbeddedChannel();
        List<RoomSession> recipients = List.of(connection(slow), connection(fast));

        fanout.broadcast(recipients, chat("first message fills the buffer"));
        assertThat(slow.isWritable()).isFalse();
        fanout.broadcast(recipients, chat("second waits in the slow one's queue"));
        fanout.broadcast(recipients, TPacket.delUser(0x1002, "bob".getBytes(StandardCharsets.UTF_8)));

        assertThat(dropped).isEmpty();
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
        EncodeOnceFanout fanout = new EncodeOnceFanout(UnpooledByteBufAllocator.DEFAULT, metrics, disconnector, 40);
        StalledSocket socket = new StalledSocket();
        EmbeddedChannel slow = new EmbeddedChannel(socket);
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        List<RoomSession> recipients = List.of(connection(slow));

        for (int i = 0; i < 10; i++) {
            fanout.broadcast(recipients, TPacket.newUser(0x1001 + i, "a-long-nick-to-pass-the-limit".getBytes()));
        }

        assertThat(dropped).containsExactly("disconnect:slow-consumer");
        socket.stalled = false;
        slow.flush();
        slow.runPendingTasks();
        List<Object> written = new ArrayList<>(slow.outboundMessages());
        // Whole data frames, then exactly one close frame, last.
        assertThat(written).last().isInstanceOf(CloseWebSocketFrame.class);
        assertThat(written.subList(0, written.size() - 1)).allMatch(BinaryWebSocketFrame.class::isInstance);
        assertThat(written).filteredOn(CloseWebSocketFrame.class::isInstance).hasSize(1);
        assertThat(((CloseWebSocketFrame) written.get(written.size() - 1)).statusCode()).isEqualTo(1008);
        slow.finishAndReleaseAll();
    }

    @Test
    void broadcast_whenQueuedBytesPassLimit_thenClosedWith1008() {
        EncodeOnceFanout fanout = new EncodeOnceFanout(UnpooledByteBufAllocator.DEFAULT, metrics, disconnector, 40);
        StalledSocket socket = new StalledSocket();
        EmbeddedChannel slow = new EmbeddedChannel(socket);
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        List<RoomSession> recipients = List.of(connection(slow));

        fanout.broadcast(recipients, TPacket.newUser(0x1001, "a-long-nick-to-pass-the-limit".getBytes()));
        fanout.broadcast(recipients, TPacket.newUser(0x1002, "another".getBytes()));

        assertThat(dropped).containsExactly("disconnect:slow-consumer");
        socket.stalled = false;
        slow.flush();
        slow.runPendingTasks();
        Object last = null;
        for (Object o : slow.outboundMessages()) {
            last = o;
        }
        assertThat(last).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) last).statusCode()).isEqualTo(1008);
        assertThat(slow.isOpen()).isFalse();
        slow.finishAndReleaseAll();
    }
}
