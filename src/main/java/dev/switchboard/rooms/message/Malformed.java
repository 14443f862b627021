package dev.switchboard.rooms.message;

/** A WebSocket message that is not a valid tPacket; {@code reason} decides the close code (spec §9). */
public record Malformed(Reason reason, String detail) implements RoomsInbound {

    /** Why a message was rejected, with the WebSocket close status the spec prescribes for it. */
    public enum Reason {
        /** Fewer than the 24 header bytes (§5). */
        TOO_SHORT(1002),
        /** The first four bytes are not {@code Ej8@} (§5). */
        BAD_SIGNATURE(1002),
        /** The {@code size} field differs from the WebSocket message length (§5). */
        SIZE_MISMATCH(1002),
        /** Larger than the configured maximum message size (§8). */
        TOO_LARGE(1009),
        /** A text message; the protocol is binary only (§1), so 1003 "unsupported data". */
        TEXT_MESSAGE(1003);

        private final int closeCode;

        Reason(int closeCode) {
            this.closeCode = closeCode;
        }

        public int closeCode() {
            return closeCode;
        }

        /** Lower-case, hyphenated form used as a metric tag value. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
