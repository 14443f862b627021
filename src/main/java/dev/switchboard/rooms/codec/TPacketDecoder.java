package dev.switchboard.rooms.codec;

import dev.switchboard.rooms.message.Malformed;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.RoomsInbound;
import dev.switchboard.rooms.message.TPacket;
import io.netty.buffer.ByteBuf;

/**
 * Pure, bounded decoder of one WebSocket message into a {@link TPacket} (spec §5). It never logs, closes or
 * touches state: bad input yields a {@link Malformed} carrying the reason, and the message is consumed whole.
 */
public final class TPacketDecoder {

    private final int maxPacketSize;

    /** @param maxPacketSize largest accepted message in bytes (header included); at least the header size */
    public TPacketDecoder(int maxPacketSize) {
        if (maxPacketSize < TPacketHeader.SIZE) {
            throw new IllegalArgumentException("maxPacketSize below the 24-byte header: " + maxPacketSize);
        }
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Decodes all readable bytes of {@code message} (one whole WebSocket message) and advances its reader index to
     * the end. The caller keeps ownership of {@code message}; the result holds no reference to it.
     */
    public RoomsInbound decode(ByteBuf message) {
        int length = message.readableBytes();
        try {
            // The length check comes first so an oversized blob is never copied.
            if (length > maxPacketSize) {
                return new Malformed(RoomsCloseReason.TOO_LARGE, length + " bytes > max " + maxPacketSize);
            }
            if (length < TPacketHeader.SIZE) {
                return new Malformed(RoomsCloseReason.TOO_SHORT, length + " bytes < header " + TPacketHeader.SIZE);
            }
            int start = message.readerIndex();
            int signature = message.getIntLE(start + TPacketHeader.FRAME_OFFSET);
            if (signature != TPacketHeader.SIGNATURE) {
                return new Malformed(RoomsCloseReason.BAD_SIGNATURE, String.format("signature 0x%08x", signature));
            }
            int size = message.getIntLE(start + TPacketHeader.SIZE_OFFSET);
            if (size != length) {
                return new Malformed(RoomsCloseReason.SIZE_MISMATCH, "size field " + size + " != message length " + length);
            }
            int uid = message.getIntLE(start + TPacketHeader.UID_OFFSET);
            int cmd = message.getIntLE(start + TPacketHeader.CMD_OFFSET);
            int p1 = message.getIntLE(start + TPacketHeader.P1_OFFSET);
            int p2 = message.getIntLE(start + TPacketHeader.P2_OFFSET);
            byte[] blob = new byte[length - TPacketHeader.SIZE];
            message.getBytes(start + TPacketHeader.SIZE, blob);
            return new TPacket(uid, cmd, p1, p2, blob);
        } finally {
            message.skipBytes(message.readableBytes());
        }
    }
}
