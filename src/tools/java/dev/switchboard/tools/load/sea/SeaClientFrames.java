package dev.switchboard.tools.load.sea;

import dev.switchboard.tools.load.Stamp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Client → server SEA frames the driver sends (sea-protocol.md §2.2 framing, §5.2, §5.3). */
public final class SeaClientFrames {

    /** #1 LOGIN command code (§5.0). */
    static final int LOGIN = 1;
    /** #2 SEND_MESSAGE command code (§5.0). */
    static final int SEND_MESSAGE = 2;
    /** Destination ID meaning "everybody" (§3). */
    public static final int EVERYBODY = 0;

    private SeaClientFrames() {
    }

    /** LOGIN: {@code L(BE24) 01 ulen user clen comp}, with {@code L = 3 + ulen + clen} (§5.2). */
    public static ByteBuf login(ByteBufAllocator alloc, byte[] user, byte[] computer) {
        if (user.length < 1 || user.length > 255 || computer.length < 1 || computer.length > 255) {
            throw new IllegalArgumentException("SEA names are 1..255 bytes");
        }
        int length = 3 + user.length + computer.length;
        ByteBuf out = alloc.buffer(3 + length);
        out.writeMedium(length);
        out.writeByte(LOGIN);
        out.writeByte(user.length);
        out.writeBytes(user);
        out.writeByte(computer.length);
        out.writeBytes(computer);
        return out;
    }

    /**
     * SEND_MESSAGE: {@code L(BE24) 02 dst(BE16) flags reserved msglen(BE16) text}, with
     * {@code L = 7 + msglen} (§5.3); the text is a {@link Stamp} padded to {@code size}.
     */
    public static ByteBuf sendMessage(ByteBufAllocator alloc, int dst, int sender, long nanos, int size) {
        int textLength = Stamp.length(sender, nanos, size);
        if (textLength > 0xFFFF) {
            throw new IllegalArgumentException("SEA message text is at most 65535 bytes");
        }
        ByteBuf out = alloc.buffer(3 + 7 + textLength);
        out.writeMedium(7 + textLength);
        out.writeByte(SEND_MESSAGE);
        out.writeShort(dst);
        out.writeByte(0); // flags: no priority bits
        out.writeByte(0); // reserved, ignored by the server
        out.writeShort(textLength);
        Stamp.write(out, sender, nanos, size);
        return out;
    }
}
