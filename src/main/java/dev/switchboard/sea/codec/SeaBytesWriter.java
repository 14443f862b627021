package dev.switchboard.sea.codec;

import dev.switchboard.sea.message.SeaBytes;
import io.netty.buffer.ByteBuf;

/** Writes {@link SeaBytes} into a buffer with one copy, from a read-only view of its content. */
final class SeaBytesWriter {

    private SeaBytesWriter() {
    }

    static ByteBuf write(ByteBuf out, SeaBytes value) {
        return out.writeBytes(value.asReadOnlyBuffer());
    }

    /** A {@code str8} (§0): the one-byte length, then the bytes. */
    static ByteBuf str8(ByteBuf out, SeaBytes value) {
        return write(out.writeByte(value.length()), value);
    }
}
