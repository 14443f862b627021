package dev.switchboard.sea.archiver;

/** Range checks shared by the archive record types. */
final class Checks {

    private Checks() {
    }

    static void u8(int value, String field) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " must be 0..255, was " + value);
        }
    }

    static void u16(int value, String field) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " must be 0..65535, was " + value);
        }
    }

    static void nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }
}
