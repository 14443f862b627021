package dev.switchboard.example.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides which refused datagrams are logged, so a flood of them costs one line per window rather than
 * one per datagram: the first refusal in a window is logged, the rest are only counted, and the count is
 * logged once when the window ends. Thread-safe.
 */
public final class RefusalLogWindow {

    /** What to do with one refusal. */
    public enum Decision {
        /** Log it: it opens a new window. */
        LOG,
        /** Count it, and arrange for {@link #drainSuppressed} to run when the window ends: the first one counted. */
        SUPPRESS_FIRST,
        /** Count it only. */
        SUPPRESS
    }

    private final Clock clock;
    private final Duration window;
    private Instant windowStart;
    private long suppressed;

    public RefusalLogWindow(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    public synchronized Decision offer() {
        Instant now = clock.instant();
        if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
            windowStart = now;
            return Decision.LOG;
        }
        suppressed++;
        return suppressed == 1 ? Decision.SUPPRESS_FIRST : Decision.SUPPRESS;
    }

    /** The refusals counted but not logged since the last call, and resets the count. */
    public synchronized long drainSuppressed() {
        long count = suppressed;
        suppressed = 0;
        return count;
    }

    public Duration window() {
        return window;
    }
}
