package dev.switchboard.tools.seasend;

import java.io.ByteArrayOutputStream;

/**
 * Encodes the client→server frames seasend sends (spec §2.2, §5): a BE24 length {@code L} counting the
 * command byte and body, the command byte, then the body. Self-contained so the CLI does not depend on the
 * server's codec.
 */
final class ClientFrames {

    static final int LOGIN = 1;
    static final int SEND_MESSAGE = 2;
    static final int PING = 3;
    static final int SET_USERINFO = 4;

    /** Destination "everybody" (§3). */
    static final int GROUP = 0;
    /** Destination "printers group" (§3). */
    static final int PRINTERS = 0xFFFF;

    /** Largest value of the BE24 length field (§2.2). */
    static final int MAX_L = 0xFFFFFF;
    /** Largest classic message: {@code msglen} is a BE16 (§2.4). */
    static final int MAX_MSGLEN = 0xFFFF;
    /** Big messages need {@code L ≥ 65542} and a sender version ≥ 102 (§2.4, §9.4). */
    static final int BIG_MIN_L = 65542;
    static final int BIG_MIN_VERSION = 102;

    private ClientFrames() {
    }

    /** #1 LOGIN: {@code str8 username, str8 compname} (§5.2); both 1–255 bytes. */
    static byte[] login(byte[] username, byte[] compname) {
        requireLength(username, 1, 255, "user name");
        requireLength(compname, 1, 255, "computer name");
        Frame f = new Frame(LOGIN, 2 + username.length + compname.length);
        f.str8(username).str8(compname);
        return f.bytes();
    }

    /** #4 SET_USERINFO: faculty, 5 room bytes (zero-padded), str8 info, version (§5.5). */
    static byte[] setUserInfo(int faculty, byte[] room, byte[] info, int version) {
        requireByte(faculty, "faculty");
        requireByte(version, "version");
        requireLength(room, 0, 5, "room");
        requireLength(info, 0, 255, "info");
        Frame f = new Frame(SET_USERINFO, 8 + info.length);
        f.u8(faculty).raw(room).raw(new byte[5 - room.length]).str8(info).u8(version);
        return f.bytes();
    }

    /** #3 PING (§5.4). */
    static byte[] ping() {
        return new Frame(PING, 0).bytes();
    }

    /**
     * #2 SEND_MESSAGE (§5.3). A payload that fits the BE16 {@code msglen} is sent whole as the message
     * text, so any RTF part or attachment rides inside {@code msglen} behind the first NUL (legacy clients
     * stop displaying there, §9.4). A larger payload uses v102 big-message framing: {@code msglen} covers
     * only {@code text} and the rest follows as the extension, with the true size in {@code L}. Such a
     * frame always has {@code L ≥ 65543}, clear of the 65 536–65 541 range the server kills (§18.15).
     *
     * @param dst         0 group, 65535 printers, else a user ID
     * @param flags       client flag byte; bit 0 is the server's and is sent as 0
     * @param text        the plain text older clients show, 1–65535 bytes
     * @param payload     the whole message: {@code text} followed by the optional extension
     * @param version     the version this session announced (big messages need ≥ 102)
     */
    static byte[] sendMessage(int dst, int flags, byte[] text, byte[] payload, int version) {
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

    private static byte[] message(int dst, int flags, int msglen, byte[] payload) {
        Frame f = new Frame(SEND_MESSAGE, 6 + payload.length);
        f.u16(dst).u8(flags & 0xFE).u8(0).u16(msglen).raw(payload);
        return f.bytes();
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

    /** Builds one frame: BE24 L, command, body. */
    private static final class Frame {
        private final ByteArrayOutputStream out;

        Frame(int command, int bodyLength) {
            int length = 1 + bodyLength;
            out = new ByteArrayOutputStream(3 + length);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            out.write(command);
        }

        Frame u8(int value) {
            out.write(value);
            return this;
        }

        Frame u16(int value) {
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Frame str8(byte[] value) {
            out.write(value.length);
            return raw(value);
        }

        Frame raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
