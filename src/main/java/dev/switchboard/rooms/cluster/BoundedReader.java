package dev.switchboard.rooms.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads the fields of the rooms codecs, refusing every length or count the remaining bytes cannot hold. */
final class BoundedReader {

    private final ByteBuffer buffer;

    BoundedReader(byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes);
    }

    int u8() {
        need(1);
        return buffer.get() & 0xFF;
    }

    boolean bool() {
        int value = u8();
        if (value > 1) {
            throw new RoomsCodecException("flag " + value + " is neither 0 nor 1");
        }
        return value == 1;
    }

    int i32() {
        need(4);
        return buffer.getInt();
    }

    long i64() {
        need(8);
        return buffer.getLong();
    }

    /** A count of items of at least {@code minItemBytes} each, which the remaining bytes must be able to hold. */
    int count(int minItemBytes) {
        int count = i32();
        if (count < 0 || (long) count * minItemBytes > buffer.remaining()) {
            throw new RoomsCodecException("count " + count + " exceeds the " + buffer.remaining() + " bytes left");
        }
        return count;
    }

    /** A byte string of at most {@code max} bytes, length first. */
    byte[] bytes(int max) {
        int length = i32();
        if (length < 0 || length > max) {
            throw new RoomsCodecException("length " + length + " is outside 0.." + max);
        }
        need(length);
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    /** A byte string of at most {@code max} bytes that must be valid UTF-8. */
    String text(int max) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(max))).toString();
        } catch (CharacterCodingException e) {
            throw new RoomsCodecException("text is not valid UTF-8");
        }
    }

    void end() {
        if (buffer.hasRemaining()) {
            throw new RoomsCodecException(buffer.remaining() + " bytes after the end");
        }
    }

    private void need(int bytes) {
        if (buffer.remaining() < bytes) {
            throw new RoomsCodecException("truncated: " + bytes + " more bytes needed, " + buffer.remaining() + " left");
        }
    }
}
