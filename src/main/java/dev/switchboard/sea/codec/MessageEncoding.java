package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaCodes;
import dev.switchboard.sea.message.SeaServerMessage.Message;
import dev.switchboard.sea.message.SeaVersions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * #4 MESSAGE shared between recipients (§9.3–9.5): at most two header variants (below 102, and 102
 * or later) over one shared payload buffer, each variant built on first use.
 *
 * <p>Small messages are copied into one contiguous buffer per variant; a big payload (above
 * {@link #INLINE_LIMIT}) is not copied again: each variant is a composite of its 8-byte header, a slice
 * of the shared payload and the terminating zero byte.
 */
final class MessageEncoding implements SeaEncoding {

    /** Payloads up to this size are cheaper to copy than to compose. */
    static final int INLINE_LIMIT = 4096;
    private static final int HEADER_SIZE = 8;

    private final ByteBufAllocator alloc;
    private final Message message;
    private final ByteBuf payload;
    private ByteBuf legacy;
    private ByteBuf modern;

    MessageEncoding(ByteBufAllocator alloc, Message message) {
        this.alloc = alloc;
        this.message = message;
        // One copy into an allocator (direct) buffer: every recipient's composite is then all-direct and
        // is written with a gather write, instead of each write copying a heap payload again.
        this.payload = alloc.buffer(message.total());
        SeaBytesWriter.write(payload, message.text());
        SeaBytesWriter.write(payload, message.extension());
    }

    @Override
    public ByteBuf forRecipient(byte version) {
        if (!SeaVersions.understands(version, message)) {
            throw new IllegalArgumentException("printers message must not be sent to version " + (version & 0xFF));
        }
        if (SeaVersions.bigMessages(version)) {
            if (modern == null) {
                modern = build(modernHeader(), message.total());
            }
            return modern.retainedDuplicate();
        }
        if (legacy == null) {
            legacy = build(legacyHeader(), message.text().length());
        }
        return legacy.retainedDuplicate();
    }

    /** §9.3 below 102: bytes 4 and 5 are both the printers marker (F3). */
    private ByteBuf legacyHeader() {
        int marker = message.printers() ? 1 : 0;
        return alloc.buffer(HEADER_SIZE).writeByte(SeaCodes.S_MESSAGE).writeShort(message.senderId())
                .writeByte(message.privateMessage() ? 1 : 0).writeByte(marker).writeByte(marker)
                .writeShort(message.text().length());
    }

    /** §9.3/§9.4 for 102 and later: a flag byte, then a BE24 length of text plus extension (F4). */
    private ByteBuf modernHeader() {
        int flags = (message.flags() & 0xFE) | (message.printers() ? 1 : 0);
        return alloc.buffer(HEADER_SIZE).writeByte(SeaCodes.S_MESSAGE).writeShort(message.senderId())
                .writeByte(message.privateMessage() ? 1 : 0).writeByte(flags).writeMedium(message.total());
    }

    /** Takes ownership of {@code header}. */
    private ByteBuf build(ByteBuf header, int payloadLength) {
        if (payloadLength <= INLINE_LIMIT) {
            ByteBuf out = alloc.buffer(HEADER_SIZE + payloadLength + 1);
            out.writeBytes(header).writeBytes(payload, payload.readerIndex(), payloadLength).writeByte(0);
            header.release();
            return out;
        }
        CompositeByteBuf out = alloc.compositeBuffer(3);
        out.addComponents(true, header, payload.retainedSlice(payload.readerIndex(), payloadLength),
                alloc.buffer(1).writeByte(0));
        return out;
    }

    @Override
    public void close() {
        payload.release();
        if (legacy != null) {
            legacy.release();
        }
        if (modern != null) {
            modern.release();
        }
    }
}
