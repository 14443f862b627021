package dev.switchboard.tools.codec.sea;

import dev.switchboard.tools.codec.Octets;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The server → client SEA stream (sea-protocol.md §2.3, §6, §9.3): messages carry no length prefix, so a
 * client works out each one's length from its code and inner length fields. The #4 MESSAGE layout
 * depends on the version the reading client announced (§7, §9.2): below 102, bytes 4–5 are two marker
 * bytes and bytes 6–7 a BE16 length; from 102 on, byte 4 is a flag byte and bytes 5–7 a BE24 length.
 * Pure functions over a buffer's absolute indexes; they never move its indexes.
 */
public final class SeaServerFormat {

    /** {@link #length}: the bytes before the limit do not hold the whole message. */
    public static final int INCOMPLETE = -1;
    /** {@link #length}: a code no server sends (§6.0); the stream cannot be resynchronised. */
    public static final int UNKNOWN = -2;
    /** Bytes of the #4 MESSAGE header before the payload (§9.3). */
    public static final int MESSAGE_HEADER = 8;
    /** The first version that reads the v102 MESSAGE layout (§9.2). */
    public static final int V102 = 102;

    private SeaServerFormat() {
    }

    /**
     * The whole length of the message at {@code start} as a client of {@code version} receives it,
     * {@link #INCOMPLETE} when the bytes before {@code limit} do not hold all of it, or {@link #UNKNOWN}.
     */
    public static int length(ByteBuf in, int start, int limit, int version) {
        if (start >= limit) {
            return INCOMPLETE;
        }
        int p = switch (in.getUnsignedByte(start)) {
            case SeaServerMessage.USERLIST -> userListEnd(in, start, limit);
            case SeaServerMessage.ADDUSER -> str8End(in, str8End(in, start + 3, limit), limit);
            case SeaServerMessage.DELETEUSER, SeaServerMessage.CHAT_CANCEL, SeaServerMessage.MUTE,
                    SeaServerMessage.AWAY, SeaServerMessage.UNAWAY -> start + 3;
            case SeaServerMessage.MESSAGE -> start + MESSAGE_HEADER > limit ? -1
                    : start + MESSAGE_HEADER + payloadLength(in, start, version) + 1;
            case SeaServerMessage.PONG -> start + 1;
            case SeaServerMessage.USERINFO -> {
                // info is followed by the raw version byte, then the str8 IP text (§6.6)
                int info = str8End(in, start + 7, limit);
                yield info < 0 ? -1 : str8End(in, info + 1, limit);
            }
            case SeaServerMessage.CHAT, SeaServerMessage.RENAME -> str8End(in, start + 3, limit);
            case SeaServerMessage.LINK -> str8End(in, start + 1, limit);
            case SeaServerMessage.ALT_SERVER -> start + 5;
            default -> UNKNOWN;
        };
        if (p == UNKNOWN) {
            return UNKNOWN;
        }
        return p < 0 || p > limit ? INCOMPLETE : p - start;
    }

    /** The payload length of the #4 MESSAGE at {@code start} (its 8-byte header must be readable). */
    public static int payloadLength(ByteBuf in, int start, int version) {
        return version >= V102 ? in.getUnsignedMedium(start + 5) : in.getUnsignedShort(start + 6);
    }

    /**
     * Decodes the whole message of {@code length} bytes at {@code start} (as {@link #length} measured it).
     *
     * @throws IllegalStateException when a MESSAGE is not followed by its {@code 00} terminator (§9.3)
     */
    public static SeaServerMessage decode(ByteBuf in, int start, int length, int version) {
        int code = in.getUnsignedByte(start);
        int p = start + 1;
        return switch (code) {
            case SeaServerMessage.USERLIST -> userList(in, p);
            case SeaServerMessage.ADDUSER -> new SeaServerMessage.AddUser(user(in, p));
            case SeaServerMessage.DELETEUSER -> new SeaServerMessage.DeleteUser(in.getUnsignedShort(p));
            case SeaServerMessage.MESSAGE -> message(in, start, length, version);
            case SeaServerMessage.PONG -> new SeaServerMessage.Pong();
            case SeaServerMessage.USERINFO -> {
                Octets info = str8(in, p + 6);
                int versionAt = p + 6 + 1 + info.length();
                yield new SeaServerMessage.UserInfo(in.getUnsignedByte(p), octets(in, p + 1, 5), info,
                        in.getUnsignedByte(versionAt), str8(in, versionAt + 1));
            }
            case SeaServerMessage.CHAT -> new SeaServerMessage.Chat(in.getUnsignedShort(p), str8(in, p + 2));
            case SeaServerMessage.CHAT_CANCEL -> new SeaServerMessage.ChatCancel(in.getUnsignedShort(p));
            case SeaServerMessage.LINK -> new SeaServerMessage.Link(str8(in, p));
            case SeaServerMessage.MUTE -> new SeaServerMessage.Mute(in.getUnsignedShort(p));
            case SeaServerMessage.AWAY -> new SeaServerMessage.Away(in.getUnsignedShort(p));
            case SeaServerMessage.UNAWAY -> new SeaServerMessage.Unaway(in.getUnsignedShort(p));
            case SeaServerMessage.ALT_SERVER -> new SeaServerMessage.AltServer(octets(in, p, 4));
            case SeaServerMessage.RENAME -> new SeaServerMessage.Rename(in.getUnsignedShort(p), str8(in, p + 2));
            default -> throw new IllegalStateException("unknown server command 0x%02x".formatted(code));
        };
    }

    /**
     * Checks the {@code 00} after the payload of the #4 MESSAGE at {@code start} of {@code length} bytes.
     *
     * @throws IllegalStateException when it is anything else (the stream is out of step)
     */
    public static void requireTerminator(ByteBuf in, int start, int length) {
        int terminator = in.getUnsignedByte(start + length - 1);
        if (terminator != 0) {
            throw new IllegalStateException("MESSAGE not followed by its 00 terminator (got 0x%02x)"
                    .formatted(terminator));
        }
    }

    /** True when the #4 MESSAGE at {@code start} is marked for the printers group in {@code version}'s layout. */
    public static boolean printers(ByteBuf in, int start, int version) {
        int a = in.getUnsignedByte(start + 4);
        return version >= V102 ? (a & 1) != 0 : a == 1;
    }

    private static SeaServerMessage message(ByteBuf in, int start, int length, int version) {
        requireTerminator(in, start, length);
        int a = in.getUnsignedByte(start + 4);
        return new SeaServerMessage.Message(in.getUnsignedShort(start + 1), in.getUnsignedByte(start + 3) != 0,
                printers(in, start, version), version >= V102 ? a : 0,
                octets(in, start + MESSAGE_HEADER, length - MESSAGE_HEADER - 1));
    }

    private static SeaServerMessage userList(ByteBuf in, int p) {
        int self = in.getUnsignedShort(p);
        Octets ip = str8(in, p + 2);
        p += 2 + 1 + ip.length();
        int count = in.getUnsignedShort(p);
        p += 2;
        List<SeaServerMessage.User> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SeaServerMessage.User user = user(in, p);
            users.add(user);
            p += 2 + 1 + user.username().length() + 1 + user.compname().length();
        }
        return new SeaServerMessage.UserList(self, ip, users, in.getUnsignedShort(p));
    }

    private static SeaServerMessage.User user(ByteBuf in, int p) {
        Octets username = str8(in, p + 2);
        return new SeaServerMessage.User(in.getUnsignedShort(p), username, str8(in, p + 3 + username.length()));
    }

    private static Octets str8(ByteBuf in, int p) {
        return octets(in, p + 1, in.getUnsignedByte(p));
    }

    private static Octets octets(ByteBuf in, int p, int length) {
        byte[] bytes = new byte[length];
        in.getBytes(p, bytes);
        return Octets.of(bytes);
    }

    /** 01 selfID(2) str8 ip count(2) count × (ID(2) str8 str8) 00 00 (§6.1): the index after it, or -1. */
    private static int userListEnd(ByteBuf in, int start, int limit) {
        int p = str8End(in, start + 3, limit);
        if (p < 0 || p + 2 > limit) {
            return -1;
        }
        int count = in.getUnsignedShort(p);
        p += 2;
        for (int i = 0; i < count && p >= 0; i++) {
            p = str8End(in, str8End(in, p + 2, limit), limit);
        }
        return p < 0 ? -1 : p + 2;
    }

    /** Index just after the str8 at {@code p}, or -1 if it does not end by {@code limit} (or {@code p} is -1). */
    private static int str8End(ByteBuf in, int p, int limit) {
        if (p < 0 || p + 1 > limit) {
            return -1;
        }
        int end = p + 1 + in.getUnsignedByte(p);
        return end > limit ? -1 : end;
    }
}
