package dev.switchboard.sea.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable string of 8-bit protocol bytes (a {@code str8}, a room, a message text): the value
 * type of the SEA message records. Equality and hash code follow the content, so records holding one
 * compare by value, and no reader can change what a record carries.
 */
public final class SeaBytes {

    /** The zero-length string. */
    public static final SeaBytes EMPTY = new SeaBytes(new byte[0]);

    private final byte[] bytes;

    private SeaBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}: later changes to the array do not reach the result. */
    public static SeaBytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new SeaBytes(bytes.clone());
    }

    /**
     * Takes {@code freshlyAllocated} without copying it. Only for a caller that has just filled a new
     * array (a decoder reading a field) and keeps no other reference to it: any later write to the
     * array would show through this value.
     */
    public static SeaBytes adopt(byte[] freshlyAllocated) {
        return freshlyAllocated.length == 0 ? EMPTY : new SeaBytes(freshlyAllocated);
    }

    /** The ISO-8859-1 bytes of {@code text}, one byte per char; chars above U+00FF become {@code ?}. */
    public static SeaBytes latin1(String text) {
        return adopt(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}, as the signed Java byte. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes, which the caller may change. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the bytes, without copying, for writing them out. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Whether the content equals {@code other}'s bytes. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** The bytes mapped one to one to chars (ISO-8859-1): lossless, for logs and archive records. */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeaBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The {@link #latin1()} text, so log lines show the raw bytes as they arrived. */
    @Override
    public String toString() {
        return latin1();
    }
}
