package dev.switchboard.tools.codec.rooms;

import dev.switchboard.tools.codec.Octets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client-side tPackets (rooms-protocol.md §5): a 24-byte little-endian header
 * {@code "Ej8@" uid size cmd p1 p2} followed by the blob, one packet per binary WebSocket message.
 * Written from the spec, independently of the gateway's server codec, so the tests can use it as an oracle.
 */
public final class TPackets {

    public static final int HEADER = 24;
    /** The signature {@code Ej8@} read as a little-endian int. */
    public static final int SIGNATURE_LE = 0x40386a45;

    public static final int NOP = 0;
    public static final int SET_USER_NICK = 1;
    public static final int SET_ROOM = 2;
    public static final int RESP_OK = 3;
    public static final int RESP_ERROR = 4;
    public static final int NEW_USER = 5;
    public static final int DEL_USER = 6;
    public static final int NEW_MSG = 7;
    public static final int LOGGED_MSG = 8;

    /** The spec's command names without the leading underscore, by code (§6). */
    private static final List<String> NAMES = List.of("NOP", "SET_USER_NICK", "SET_ROOM", "RESP_OK", "RESP_ERROR",
            "NEW_USER", "DEL_USER", "NEW_MSG", "LOGGED_MSG");

    /** The level-1 packet's blob, §4: {@code magic string :)}. */
    public static final byte[] MAGIC = "magic string :)".getBytes(StandardCharsets.US_ASCII);

    /** One decoded packet; {@code size} is the header's size field as sent. */
    public record TPacket(int uid, int size, int cmd, int p1, int p2, Octets blob) {
        /** The blob as UTF-8 text (§5: nicks, rooms and messages are UTF-8). */
        public String text() {
            return blob.decode(StandardCharsets.UTF_8);
        }

        /** The command's name ({@code RESP_OK}), or {@code CMD_<n>} for a code outside §6. */
        public String command() {
            return name(cmd);
        }
    }

    private TPackets() {
    }

    /** The name of command {@code cmd} ({@code RESP_OK}), or {@code CMD_<n>} for a code outside §6. */
    public static String name(int cmd) {
        return cmd >= 0 && cmd < NAMES.size() ? NAMES.get(cmd) : "CMD_" + cmd;
    }

    /** A whole packet: header with {@code size = 24 + blob}, then the blob. */
    public static byte[] encode(int uid, int cmd, int p1, int p2, byte[] blob) {
        ByteBuf out = Unpooled.wrappedBuffer(new byte[HEADER + blob.length]).clear();
        writeHeader(out, uid, HEADER + blob.length, cmd, p1, p2);
        out.writeBytes(blob);
        return out.array();
    }

    /** A client packet (p1 = p2 = 0, as every client packet has) with a UTF-8 text blob. */
    public static byte[] encode(int uid, int cmd, String text) {
        return encode(uid, cmd, 0, 0, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A client packet with {@code blob} (p1 = p2 = 0) in a buffer from {@code alloc}. */
    public static ByteBuf packet(ByteBufAllocator alloc, int uid, int cmd, byte[] blob) {
        ByteBuf out = alloc.buffer(HEADER + blob.length);
        writeHeader(out, uid, HEADER + blob.length, cmd, 0, 0);
        out.writeBytes(blob);
        return out;
    }

    /**
     * Writes the header of a client packet whose {@code blobLength} blob bytes the caller writes next,
     * so a sender builds the packet in one buffer without copying the blob.
     */
    public static void writeHeader(ByteBuf out, int uid, int cmd, int blobLength) {
        writeHeader(out, uid, HEADER + blobLength, cmd, 0, 0);
    }

    private static void writeHeader(ByteBuf out, int uid, int size, int cmd, int p1, int p2) {
        out.writeIntLE(SIGNATURE_LE);
        out.writeIntLE(uid);
        out.writeIntLE(size);
        out.writeIntLE(cmd);
        out.writeIntLE(p1);
        out.writeIntLE(p2);
    }

    /** Decodes one whole message's packet; throws {@link IllegalArgumentException} with {@link #invalid}'s reason. */
    public static TPacket decode(byte[] message) {
        ByteBuf packet = Unpooled.wrappedBuffer(message);
        String invalid = invalid(packet);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
        return new TPacket(uid(packet), packet.getIntLE(8), cmd(packet), p1(packet), packet.getIntLE(20),
                Octets.of(message, HEADER, message.length - HEADER));
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
