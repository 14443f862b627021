package dev.switchboard.rooms.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the fields {@link BoundedReader} reads. */
final class BoundedWriter {

    private final ByteArrayOutputStream out;

    BoundedWriter(int expectedSize) {
        this.out = new ByteArrayOutputStream(expectedSize);
    }

    BoundedWriter u8(int value) {
        out.write(value);
        return this;
    }

    BoundedWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    BoundedWriter i32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    BoundedWriter i64(long value) {
        return i32((int) (value >>> 32)).i32((int) value);
    }

    BoundedWriter bytes(byte[] value) {
        i32(value.length);
        out.writeBytes(value);
        return this;
    }

    BoundedWriter text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
