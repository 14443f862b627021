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
        return writePacket(alloc.buffer(size, size), packet, size);
    }

    /**
     * Encodes as the bytes of the one binary WebSocket message that carries it from a server (spec §1): a final,
     * unmasked binary frame (RFC 6455 §5.2, no extension, so RSV 0) with the shortest length form, then the packet.
     * The caller owns the result.
     */
    public static ByteBuf encodeBinaryFrame(ByteBufAllocator alloc, TPacket packet) {
        int size = TPacketHeader.SIZE + packet.blobLength();
        int header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
        ByteBuf out = alloc.buffer(header + size, header + size);
        out.writeByte(0x80 | 0x2); // FIN, opcode binary
        if (size < 126) {
            out.writeByte(size);
        } else if (size <= 0xFFFF) {
            out.writeByte(126).writeShort(size);
        } else {
            out.writeByte(127).writeLong(size);
        }
        return writePacket(out, packet, size);
    }

    private static ByteBuf writePacket(ByteBuf out, TPacket packet, int size) {
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
