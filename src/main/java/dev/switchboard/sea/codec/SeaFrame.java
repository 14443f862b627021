package dev.switchboard.sea.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One client→server frame (§2.2): the declared length {@code L}, the command byte and the
 * {@code L − 1} body bytes. The body is a retained slice of the decoder's cumulation; whoever consumes
 * the frame releases it.
 */
public final class SeaFrame extends DefaultByteBufHolder implements SeaInbound {

    private final int length;
    private final int command;

    public SeaFrame(int length, int command, ByteBuf body) {
        super(body);
        if (body.readableBytes() != length - 1) {
            throw new IllegalArgumentException("body must be L - 1 bytes");
        }
        this.length = length;
        this.command = command;
    }

    /** The length field {@code L}: command byte plus body. */
    public int length() {
        return length;
    }

    /** The unsigned command byte. */
    public int command() {
        return command;
    }

    @Override
    public SeaFrame replace(ByteBuf content) {
        return new SeaFrame(length, command, content);
    }

    @Override
    public String toString() {
        return "SeaFrame(L=" + length + ", cmd=" + command + ")";
    }
}
