package dev.switchboard.sea.archiver;

import java.nio.charset.StandardCharsets;

/**
 * Conversions between SEA's opaque byte strings and the ISO-8859-1 ("one char per byte") strings the
 * archiver records are built from (spec §0: the server never transcodes; ISO-8859-1 maps bytes 1:1).
 */
public final class ArchiveText {

    private ArchiveText() {
    }

    /** Maps raw protocol bytes (Windows-1251 in practice) 1:1 to chars so nothing is transcoded. */
    public static String latin1(byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /**
     * Encodes a record string back to its raw bytes.
     *
     * @throws IllegalArgumentException if a char above U+00FF is present, because such a string did not
     *                                  come from protocol bytes and encoding it would silently write '?'
     */
    public static byte[] bytes(String record) {
        requireLatin1(record, "record");
        return record.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Rejects strings that cannot be written byte-exactly (chars above U+00FF). */
    static String requireLatin1(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(field + " contains char U+%04X at index %d; archiver text must be raw bytes mapped 1:1 (ISO-8859-1)"
                        .formatted((int) value.charAt(i), i));
            }
        }
        return value;
    }
}
