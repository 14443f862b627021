package dev.switchboard.cluster;

/** Redis stream ids ({@code <milliseconds>-<sequence>}) compared as numbers, not as text. */
final class StreamIds {

    static final String ZERO = "0-0";

    private StreamIds() {
    }

    /** Negative, zero or positive as {@code a} is before, equal to or after {@code b}. */
    static int compare(String a, String b) {
        int c = Long.compare(millis(a), millis(b));
        return c != 0 ? c : Long.compare(sequence(a), sequence(b));
    }

    /** The time part: when Redis appended the event, by Redis's clock. */
    static long millis(String id) {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    private static long sequence(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseLong(id.substring(dash + 1));
    }
}
