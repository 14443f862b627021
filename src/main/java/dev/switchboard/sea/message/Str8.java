package dev.switchboard.sea.message;

/** Checks for {@code str8} fields (§0): a one-byte length, so at most 255 bytes. */
final class Str8 {

    static final int MAX = 0xFF;

    private Str8() {
    }

    static SeaBytes require(SeaBytes value, String field) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        return requireMaybeEmpty(value, field);
    }

    static SeaBytes requireMaybeEmpty(SeaBytes value, String field) {
        if (value.length() > MAX) {
            throw new IllegalArgumentException(field + " is a str8, at most 255 bytes: " + value.length());
        }
        return value;
    }
}
