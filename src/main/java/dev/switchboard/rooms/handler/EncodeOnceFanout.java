package dev.switchboard.rooms.handler;

import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.codec.TPacketEncoder;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Fanout;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.core.broadcast.LoopBatchedWrites;
import dev.switchboard.core.metrics.BroadcastMeter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;

/**
 * Room broadcast: the packet is encoded once, each member gets a
 * {@code retainedDuplicate()}, and the original is released once. The writes go out as one task per event
 * loop ({@link LoopBatchedWrites}), the sender's own loop inline. Slow consumers are bounded: a member's backlog may grow to
 * the slow-consumer limit, and a member past it is closed with 1008.
 */
public final class EncodeOnceFanout implements Fanout {

    private final ByteBufAllocator alloc;
    private final RoomsMetrics metrics;
    private final RoomsDisconnector disconnector;
    private final long slowConsumerLimit;
    private final BroadcastMeter broadcasts;

    public EncodeOnceFanout(ByteBufAllocator alloc, RoomsMetrics metrics, RoomsDisconnector disconnector,
            long slowConsumerLimit) {
        this(alloc, metrics, disconnector, slowConsumerLimit, BroadcastMeter.NONE);
    }

    /** As above, with each broadcast's fan-out time and delivery lag reported to {@code broadcasts}. */
    public EncodeOnceFanout(ByteBufAllocator alloc, RoomsMetrics metrics, RoomsDisconnector disconnector,
            long slowConsumerLimit, BroadcastMeter broadcasts) {
        this.broadcasts = broadcasts;
        this.alloc = alloc;
        this.metrics = metrics;
        this.disconnector = disconnector;
        this.slowConsumerLimit = slowConsumerLimit;
    }

    @Override
    public void broadcast(List<RoomSession> recipients, TPacket packet) {
        ByteBuf encoded = TPacketEncoder.encode(alloc, packet);
        LoopBatchedWrites writes = new LoopBatchedWrites(broadcasts);
        int delivered = 0;
        try {
            for (RoomSession recipient : recipients) {
                if (!(recipient instanceof RoomsConnection connection)) {
                    recipient.send(packet);
                    continue;
                }
                Channel channel = connection.channel();
                if (!channel.isActive() || connection.isClosing()) {
                    continue;
                }
                // A member that stopped reading keeps every packet (chat included) up to the limit, so a burst
                // never loses a message; past it the member is closed rather than buffered without bound. The
                // close frame goes after the whole frames already queued (a frame boundary), past the bound.
                if (!channel.isWritable() && channel.bytesBeforeWritable() > slowConsumerLimit) {
                    disconnector.close(channel, WebSocketCloseStatus.POLICY_VIOLATION, "slow-consumer",
                            "more than " + slowConsumerLimit + " bytes queued");
                    continue;
                }
                // Each frame owns one reference to the shared bytes; the channel releases it once written.
                writes.add(channel, new BinaryWebSocketFrame(encoded.retainedDuplicate()));
                delivered++;
            }
        } finally {
            // Whatever was queued is owned by the batch: it must be written (or released), never dropped.
            writes.submit();
            encoded.release();
        }
        metrics.packetsOut(RoomsConnection.kind(packet), delivered);
    }
}
