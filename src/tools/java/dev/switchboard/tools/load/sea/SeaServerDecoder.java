package dev.switchboard.tools.load.sea;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the server → client SEA stream into messages. Server messages carry no length prefix
 * (§2.3), so each one's length is worked out from its code and inner length fields; the decoder only
 * consumes a message once all of it is readable. The driver never sends #4, so its sessions stay at
 * version 0 and only receive the version-independent layouts (§7). A message longer than
 * {@code maxMessage}, or a code a version-0 session never receives, is {@link SeaServerMessage.Malformed}
 * and the rest of the stream is discarded.
 */
public final class SeaServerDecoder extends ByteToMessageDecoder {

    private static final int INCOMPLETE = -1;
    private static final int UNKNOWN = -2;

    private final int maxMessage;
    private boolean broken;

    public SeaServerDecoder(int maxMessage) {
        this.maxMessage = maxMessage;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!broken && in.isReadable()) {
            int start = in.readerIndex();
            int length = messageLength(in, start, Math.min(in.writerIndex(), start + maxMessage + 1));
            if (length == INCOMPLETE) {
                if (in.readableBytes() > maxMessage) {
                    fail(in, out, "server message longer than " + maxMessage + " bytes");
                }
                return;
            }
            if (length == UNKNOWN) {
                fail(in, out, "unexpected server message code " + in.getUnsignedByte(start));
                return;
            }
            out.add(read(in, start, length));
        }
        if (broken) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        broken = true;
        in.skipBytes(in.readableBytes());
        out.add(new SeaServerMessage.Malformed(reason));
    }

    private static SeaServerMessage read(ByteBuf in, int start, int length) {
        int code = in.getUnsignedByte(start);
        SeaServerMessage message = switch (code) {
            case 1 -> new SeaServerMessage.UserList(in.getUnsignedShort(start + 1),
                    in.getUnsignedShort(start + 4 + in.getUnsignedByte(start + 3)));
            case 2 -> new SeaServerMessage.AddUser(in.getUnsignedShort(start + 1));
            case 3 -> new SeaServerMessage.DeleteUser(in.getUnsignedShort(start + 1));
            case 4 -> new SeaServerMessage.Message(in.getUnsignedShort(start + 1), in.getByte(start + 3) != 0,
                    in.retainedSlice(start + 8, in.getUnsignedShort(start + 6)));
            default -> new SeaServerMessage.Other(code);
        };
        in.skipBytes(length);
        return message;
    }

    /**
     * The full length of the message at {@code start}, {@link #INCOMPLETE} when bytes before
     * {@code limit} do not hold all of it, or {@link #UNKNOWN} for a code this client cannot parse.
     */
    static int messageLength(ByteBuf in, int start, int limit) {
        return switch (in.getUnsignedByte(start)) {
            case 1 -> userListLength(in, start, limit);
            case 2 -> {
                // 02 ID(2) str8 username str8 compname (§6.2)
                int p = str8End(in, start + 3, limit);
                p = p < 0 ? p : str8End(in, p, limit);
                yield p < 0 ? INCOMPLETE : p - start;
            }
            case 3 -> fixed(start, limit, 3);
            case 4 -> {
                // 04 sender(2) private A B msglen(2) text 00 (§9.3, classic form)
                if (start + 8 > limit) {
                    yield INCOMPLETE;
                }
                yield fixed(start, limit, 8 + in.getUnsignedShort(start + 6) + 1);
            }
            case 5 -> 1;
            case 9 -> {
                int p = str8End(in, start + 1, limit);
                yield p < 0 ? INCOMPLETE : p - start;
            }
            case 13 -> fixed(start, limit, 5);
            default -> UNKNOWN;
        };
    }

    /** 01 selfID(2) str8 ip count(2) count × (ID(2) str8 str8) 00 00 (§6.1). */
    private static int userListLength(ByteBuf in, int start, int limit) {
        int p = str8End(in, start + 3, limit);
        if (p < 0 || p + 2 > limit) {
            return INCOMPLETE;
        }
        int count = in.getUnsignedShort(p);
        p += 2;
        for (int i = 0; i < count; i++) {
            p = str8End(in, p + 2, limit);
            p = p < 0 ? p : str8End(in, p, limit);
            if (p < 0) {
                return INCOMPLETE;
            }
        }
        return p + 2 > limit ? INCOMPLETE : p + 2 - start;
    }

    /** Index just after the str8 at {@code p}, or -1 if it does not end before {@code limit}. */
    private static int str8End(ByteBuf in, int p, int limit) {
        if (p + 1 > limit) {
            return -1;
        }
        int end = p + 1 + in.getUnsignedByte(p);
        return end > limit ? -1 : end;
    }

    private static int fixed(int start, int limit, int length) {
        return start + length > limit ? INCOMPLETE : length;
    }
}
