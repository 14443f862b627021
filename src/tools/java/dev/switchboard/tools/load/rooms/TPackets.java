package dev.switchboard.tools.load.rooms;

import dev.switchboard.tools.load.Stamp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Client-side tPacket encoding (rooms-protocol.md §5): a 24-byte little-endian header
 * {@code "Ej8@" uid size cmd p1 p2} followed by the blob, one packet per binary WebSocket message.
 */
public final class TPackets {

    public static final int HEADER = 24;
    /** The signature {@code Ej8@} read as a little-endian int. */
    static final int SIGNATURE_LE = 0x40386a45;

    static final int NOP = 0;
    static final int SET_USER_NICK = 1;
    static final int SET_ROOM = 2;
    static final int RESP_OK = 3;
    static final int RESP_ERROR = 4;
    static final int NEW_USER = 5;
    static final int DEL_USER = 6;
    public static final int NEW_MSG = 7;
    static final int LOGGED_MSG = 8;

    /** The level-1 packet's blob, §4: {@code magic string :)}. */
    static final byte[] MAGIC = "magic string :)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TPackets() {
    }

    /** A client packet with {@code blob} (p1 = p2 = 0, as every client packet has). */
    public static ByteBuf packet(ByteBufAllocator alloc, int uid, int cmd, byte[] blob) {
        ByteBuf out = alloc.buffer(HEADER + blob.length);
        writeHeader(out, uid, HEADER + blob.length, cmd);
        out.writeBytes(blob);
        return out;
    }

    /** {@code _NEW_MSG} whose text is a {@link Stamp} padded to {@code size} (§6, §7.3). */
    public static ByteBuf newMessage(ByteBufAllocator alloc, int uid, int sender, long nanos, int size) {
        int textLength = Stamp.length(sender, nanos, size);
        ByteBuf out = alloc.buffer(HEADER + textLength);
        writeHeader(out, uid, HEADER + textLength, NEW_MSG);
        Stamp.write(out, sender, nanos, size);
        return out;
    }

    private static void writeHeader(ByteBuf out, int uid, int size, int cmd) {
        out.writeIntLE(SIGNATURE_LE);
        out.writeIntLE(uid);
        out.writeIntLE(size);
        out.writeIntLE(cmd);
        out.writeIntLE(0); // p1
        out.writeIntLE(0); // p2
    }

    /** Why {@code packet} (one whole WebSocket message) is not a well-formed tPacket, or null if it is. */
    public static String invalid(ByteBuf packet) {
        int length = packet.readableBytes();
        int at = packet.readerIndex();
        if (length < HEADER) {
            return "packet shorter than its 24-byte header";
        }
        if (packet.getIntLE(at) != SIGNATURE_LE) {
            return "bad signature";
        }
        if (packet.getIntLE(at + 8) != length) {
            return "size field " + packet.getIntLE(at + 8) + " != message length " + length;
        }
        return null;
    }

    public static int uid(ByteBuf packet) {
        return packet.getIntLE(packet.readerIndex() + 4);
    }

    public static int cmd(ByteBuf packet) {
        return packet.getIntLE(packet.readerIndex() + 12);
    }

    public static int p1(ByteBuf packet) {
        return packet.getIntLE(packet.readerIndex() + 16);
    }
}
