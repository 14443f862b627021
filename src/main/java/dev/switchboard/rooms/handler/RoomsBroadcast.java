package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Broadcast;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.codec.TPacketEncoder;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Delivery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The WebSocket form of a room broadcast: the packet is encoded once as the bytes of its whole binary WebSocket
 * frame, and each WebSocket member gets a copy of those bytes through the core {@link Broadcast} (one task per event
 * loop, copied into each member's one output buffer of the loop turn, the one slow-consumer rule): no frame object,
 * duplicate or encoder pass per member. The encoding is released once. The batches are always queued, never run inline,
 * because the service finishes a broadcast while holding the room's lock; queued under that lock, broadcasts
 * reach every loop in the room's order.
 */
public final class RoomsBroadcast implements Delivery.Form<RoomsBroadcast.Batch> {

    private final ByteBufAllocator alloc;
    private final RoomsMetrics metrics;
    private final BroadcastMeter meter;

    public RoomsBroadcast(ByteBufAllocator alloc, RoomsMetrics metrics, BroadcastMeter meter) {
        this.alloc = alloc;
        this.metrics = metrics;
        this.meter = meter;
    }

    @Override
    public Class<Batch> type() {
        return Batch.class;
    }

    @Override
    public Batch prepare(TPacket packet) {
        return new Batch(packet, TPacketEncoder.encodeBinaryFrame(alloc, packet), new Broadcast(meter));
    }

    @Override
    public void finish(Batch batch) {
        try {
            // Whatever was added is owned by the broadcast: it is written (or released), never dropped.
            batch.writes.submitQueued();
        } finally {
            batch.encoded.release();
        }
        batch.packet.command().ifPresent(kind -> metrics.packetsOut(kind, batch.writes.queued()));
    }

    /** One packet's frame bytes and the writes of them queued so far. */
    public static final class Batch {
        private final TPacket packet;
        private final ByteBuf encoded;
        private final Broadcast writes;

        private Batch(TPacket packet, ByteBuf encoded, Broadcast writes) {
            this.packet = packet;
            this.encoded = encoded;
            this.writes = writes;
        }

        /** Queues the frame for {@code recipient}; the shared bytes are copied on the recipient's loop. */
        void add(Connection recipient) {
            writes.addCopy(recipient, encoded);
        }
    }
}
