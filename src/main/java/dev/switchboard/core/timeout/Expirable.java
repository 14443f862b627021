package dev.switchboard.core.timeout;

import java.time.Instant;

/** Something with a deadline the {@link TimeoutSweeper} checks: a login timeout, an idle session, a ban. */
@FunctionalInterface
public interface Expirable {

    /**
     * Called on every sweep, on the executor it was registered with (the owner of the state it reads), or on
     * the sweeper's thread when it has none.
     *
     * @param now the injected clock's current instant
     * @return true to stay registered, false once the deadline has been handled
     */
    boolean checkExpiry(Instant now);
}
