package dev.switchboard.sea.message;

/** Checks for {@code str8} fields (§0): a one-byte length, so at most 255 bytes. */
final class Str8 {

    static final int MAX = 0xFF;

    private Str8() {
    }

    static byte[] require(byte[] value, String field) {
        if (value.length == 0) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return requireMaybeEmpty(value, field);
    }

    static byte[] requireMaybeEmpty(byte[] value, String field) {
        if (value.length > MAX) {
            throw new IllegalArgumentException(field + " is a str8, at most 255 bytes: " + value.length);
        }
        return value.clone();
    }
}
