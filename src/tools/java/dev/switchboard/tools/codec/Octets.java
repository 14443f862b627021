package dev.switchboard.tools.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable string of 8-bit protocol bytes (a SEA name, a tPacket blob) with value equality, so
 * decoded client-side records compare by content; the charset is the reader's choice, not the wire's.
 */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Octets of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Each char of {@code text} as one byte (ISO-8859-1), the 8-bit view tests write names in. */
    public static Octets latin1(String text) {
        return new Octets(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The bytes before the first NUL (all of them if there is none): what legacy clients display. */
    public Octets untilNul() {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return new Octets(Arrays.copyOf(bytes, i));
            }
        }
        return this;
    }

    public String decode(Charset charset) {
        return new String(bytes, charset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets o && Arrays.equals(bytes, o.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes as ISO-8859-1 text. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
