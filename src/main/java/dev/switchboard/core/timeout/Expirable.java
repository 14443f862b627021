package dev.switchboard.core.timeout;

import java.time.Instant;

/** Something with a deadline the {@link TimeoutSweeper} checks: a login timeout, an idle session, a ban. */
@FunctionalInterface
public interface Expirable {

    /**
     * Called on every sweep, on the sweeper's thread: implementations that act on a channel hop to its
     * event loop first.
     *
     * @param now the injected clock's current instant
     * @return true to stay registered, false once the deadline has been handled
     */
    boolean checkExpiry(Instant now);
}
