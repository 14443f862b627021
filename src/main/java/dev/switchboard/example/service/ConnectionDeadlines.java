package dev.switchboard.example.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The two deadlines of an example connection: input must keep arriving (idle timeout) and a started line
 * must be finished (partial-line timeout). Plain state; the caller keeps it on one thread.
 */
public final class ConnectionDeadlines {

    /** Which deadline passed, if any. */
    public enum Expiry {
        NONE,
        /** Nothing received for the idle timeout. */
        IDLE,
        /** A line was started and its LF did not arrive within the partial-line timeout. */
        PARTIAL_LINE
    }

    private final Duration idleTimeout;
    private final Duration partialLineTimeout;
    private Instant lastInput;
    private Instant partialSince;

    public ConnectionDeadlines(Duration idleTimeout, Duration partialLineTimeout, Instant now) {
        this.idleTimeout = idleTimeout;
        this.partialLineTimeout = partialLineTimeout;
        this.lastInput = now;
    }

    /** Bytes arrived at {@code now}; {@code partialLine} says whether a line is left unfinished after them. */
    public void input(Instant now, boolean partialLine) {
        lastInput = now;
        if (!partialLine) {
            partialSince = null;
        } else if (partialSince == null) {
            partialSince = now;
        }
    }

    public Expiry check(Instant now) {
        if (partialSince != null && !now.isBefore(partialSince.plus(partialLineTimeout))) {
            return Expiry.PARTIAL_LINE;
        }
        if (!now.isBefore(lastInput.plus(idleTimeout))) {
            return Expiry.IDLE;
        }
        return Expiry.NONE;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration partialLineTimeout() {
        return partialLineTimeout;
    }

    /** The earliest instant at which {@link #check} can report an expiry. */
    public Instant nextDue() {
        Instant idle = lastInput.plus(idleTimeout);
        if (partialSince == null) {
            return idle;
        }
        Instant partial = partialSince.plus(partialLineTimeout);
        return partial.isBefore(idle) ? partial : idle;
    }
}
