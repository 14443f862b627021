package dev.switchboard.tools.codec.sea;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Client → server SEA frames (sea-protocol.md §2.2, §5): a BE24 length {@code L} counting the command
 * byte and body, the command byte, then the body. Written from the spec, independently of the gateway's
 * server codec, so the tests can use it as an oracle.
 */
public final class SeaClientFrames {

    public static final int LOGIN = 1;
    public static final int SEND_MESSAGE = 2;
    public static final int PING = 3;
    public static final int SET_USERINFO = 4;

    /** Destination "everybody" (§3). */
    public static final int GROUP = 0;
    /** Destination "printers group" (§3). */
    public static final int PRINTERS = 0xFFFF;

    /** Largest value of the BE24 length field (§2.2). */
    public static final int MAX_L = 0xFFFFFF;
    /** Largest classic message: {@code msglen} is a BE16 (§2.4). */
    public static final int MAX_MSGLEN = 0xFFFF;
    /** Big messages need {@code L ≥ 65542} and a sender version ≥ 102 (§2.4, §9.4). */
    public static final int BIG_MIN_L = 65542;
    public static final int BIG_MIN_VERSION = 102;
    /** Bytes before the text of a SEND_MESSAGE frame: L(3), command, dst(2), flags, reserved, msglen(2). */
    public static final int SEND_MESSAGE_HEADER = 10;

    private SeaClientFrames() {
    }

    /** Any frame: BE24 {@code L = 1 + body}, the command byte, then the body parts in order (§2.2). */
    public static byte[] frame(int command, byte[]... body) {
        int length = 1 + Arrays.stream(body).mapToInt(b -> b.length).sum();
        byte[] out = new byte[3 + length];
        out[0] = (byte) (length >>> 16);
        out[1] = (byte) (length >>> 8);
        out[2] = (byte) length;
        out[3] = (byte) command;
        int at = 4;
        for (byte[] part : body) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A str8 field: one length byte, then the bytes (§2.5); at most 255 bytes. */
    public static byte[] str8(byte[] value) {
        requireLength(value, 0, 255, "str8");
        byte[] out = new byte[1 + value.length];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    /** A BE16 field (§2.5). */
    public static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    /** #1 LOGIN: {@code str8 username, str8 compname} (§5.2); both 1–255 bytes. */
    public static byte[] login(byte[] username, byte[] compname) {
        requireLength(username, 1, 255, "user name");
        requireLength(compname, 1, 255, "computer name");
        return frame(LOGIN, str8(username), str8(compname));
    }

    /** #1 LOGIN into a buffer from {@code alloc}, for clients that write Netty buffers. */
    public static ByteBuf login(ByteBufAllocator alloc, byte[] username, byte[] compname) {
        byte[] frame = login(username, compname);
        return alloc.buffer(frame.length).writeBytes(frame);
    }

    /** #4 SET_USERINFO: faculty, 5 room bytes (zero-padded), str8 info, version (§5.5). */
    public static byte[] setUserInfo(int faculty, byte[] room, byte[] info, int version) {
        requireByte(faculty, "faculty");
        requireByte(version, "version");
        requireLength(room, 0, 5, "room");
        requireLength(info, 0, 255, "info");
        return frame(SET_USERINFO, new byte[] {(byte) faculty}, Arrays.copyOf(room, 5), str8(info),
                new byte[] {(byte) version});
    }

    /** #3 PING (§5.4). */
    public static byte[] ping() {
        return frame(PING);
    }

    /**
     * #2 SEND_MESSAGE (§5.3). A payload that fits the BE16 {@code msglen} is sent whole as the message
     * text, so any RTF part or attachment rides inside {@code msglen} behind the first NUL (legacy clients
     * stop displaying there, §9.4). A larger payload uses v102 big-message framing: {@code msglen} covers
     * only {@code text} and the rest follows as the extension, with the true size in {@code L}. Such a
     * frame always has {@code L ≥ 65543}, clear of the 65 536–65 541 range the server kills (§18.15).
     *
     * @param dst     0 group, 65535 printers, else a user ID
     * @param flags   client flag byte; bit 0 is the server's and is sent as 0
     * @param text    the plain text older clients show, 1–65535 bytes
     * @param payload the whole message: {@code text} followed by the optional extension
     * @param version the version this session announced (big messages need ≥ 102)
     */
    public static byte[] sendMessage(int dst, int flags, byte[] text, byte[] payload, int version) {
        requireU16(dst, "destination");
        requireByte(flags, "flags");
        requireLength(text, 1, MAX_MSGLEN, "message text");
        if (payload.length <= MAX_MSGLEN) {
            return message(dst, flags, payload.length, payload);
        }
        if (version < BIG_MIN_VERSION) {
            throw new IllegalArgumentException("a message of " + payload.length + " bytes needs big-message framing, "
                    + "which requires client version >= " + BIG_MIN_VERSION + " (was " + version + ")");
        }
        if (7L + payload.length > MAX_L) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds the protocol limit of "
                    + (MAX_L - 7) + " bytes");
        }
        return message(dst, flags, text.length, payload);
    }

    /** #2 SEND_MESSAGE of {@code text} alone, no flags: the common case. */
    public static byte[] sendMessage(int dst, byte[] text) {
        return sendMessage(dst, 0, text, text, 0);
    }

    /**
     * Writes the {@value #SEND_MESSAGE_HEADER}-byte head of a classic #2 SEND_MESSAGE whose
     * {@code msglen} text bytes the caller writes next (§5.3): {@code L = 7 + msglen}, so a sender can
     * build the whole frame in one buffer without copying the text.
     */
    public static void writeSendMessageHeader(ByteBuf out, int dst, int flags, int msglen) {
        requireU16(dst, "destination");
        if (msglen < 0 || msglen > MAX_MSGLEN) {
            throw new IllegalArgumentException("message text must be 0–" + MAX_MSGLEN + " bytes, was " + msglen);
        }
        out.writeMedium(7 + msglen);
        out.writeByte(SEND_MESSAGE);
        out.writeShort(dst);
        out.writeByte(flags & 0xFE);
        out.writeByte(0); // reserved, ignored by the server
        out.writeShort(msglen);
    }

    private static byte[] message(int dst, int flags, int msglen, byte[] payload) {
        return frame(SEND_MESSAGE, u16(dst), new byte[] {(byte) (flags & 0xFE), 0}, u16(msglen), payload);
    }

    private static void requireLength(byte[] value, int min, int max, String what) {
        if (value.length < min || value.length > max) {
            throw new IllegalArgumentException(what + " must be " + min + "–" + max + " bytes, was " + value.length);
        }
    }

    private static void requireByte(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " must be 0–255, was " + value);
        }
    }

    private static void requireU16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0–65535, was " + value);
        }
    }
}
