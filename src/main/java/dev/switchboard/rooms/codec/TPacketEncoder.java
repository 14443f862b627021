package dev.switchboard.rooms.codec;

import dev.switchboard.rooms.message.TPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Pure encoder of a {@link TPacket} into its wire bytes (spec §5): header with signature and size, then blob. */
public final class TPacketEncoder {

    private TPacketEncoder() {
    }

    /** Encodes into a new buffer from {@code alloc}; the caller owns (and must release or write) the result. */
    public static ByteBuf encode(ByteBufAllocator alloc, TPacket packet) {
        int size = TPacketHeader.SIZE + packet.blobLength();
        ByteBuf out = alloc.buffer(size, size);
        out.writeIntLE(TPacketHeader.SIGNATURE)
                .writeIntLE(packet.uid())
                .writeIntLE(size)
                .writeIntLE(packet.cmd())
                .writeIntLE(packet.p1())
                .writeIntLE(packet.p2())
                .writeBytes(packet.blobView());
        return out;
    }
}
