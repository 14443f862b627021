package dev.switchboard.tools.codec.sea;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A #4 MESSAGE (§9.3) as {@link SeaServerDecoder} hands it on without copying: the header fields and a
 * retained slice of the payload, which whoever consumes the holder releases.
 */
public final class SeaMessageText extends DefaultByteBufHolder {

    private final int senderId;
    private final boolean isPrivate;
    private final boolean printers;

    public SeaMessageText(int senderId, boolean isPrivate, boolean printers, ByteBuf payload) {
        super(payload);
        this.senderId = senderId;
        this.isPrivate = isPrivate;
        this.printers = printers;
    }

    public int senderId() {
        return senderId;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public boolean printers() {
        return printers;
    }

    @Override
    public ByteBufHolder replace(ByteBuf content) {
        return new SeaMessageText(senderId, isPrivate, printers, content);
    }
}
