package dev.switchboard.sea.message;

/** User-ID constants and checks (§3). */
public final class SeaIds {

    /** Destination "everybody" (§3, §9.1). */
    public static final int EVERYBODY = 0;
    /** Destination "printers group" (§3, §9.2). */
    public static final int PRINTERS = 0xFFFF;

    private SeaIds() {
    }

    /** Any 16-bit value may appear on the wire as an ID field. */
    public static int requireWireId(int id) {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("ID is 16 bits: " + id);
        }
        return id;
    }

    /** A session's own ID is never 0 and never 65535 (§3). */
    public static int requireSessionId(int id) {
        if (id <= EVERYBODY || id >= PRINTERS) {
            throw new IllegalArgumentException("session ID must be 1..65534: " + id);
        }
        return id;
    }
}
