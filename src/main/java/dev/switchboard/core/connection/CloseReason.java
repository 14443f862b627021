package dev.switchboard.core.connection;

import dev.switchboard.core.metrics.MeterTag;

/**
 * Why a connection ended. Each protocol declares its reasons as an enum implementing this, next to the
 * {@link CoreCloseReason core ones}; the {@link #tag()} is the {@code reason} of
 * {@code switchboard_connections_closed_total}, the {@link #severity()} decides the one log line.
 */
public interface CloseReason extends MeterTag {

    /** How loudly a close is logged: bad input is worth a warning, routine ends are not. */
    Severity severity();

    /** The level of a close's one log line. */
    enum Severity {
        /** Routine: the peer left, a normal logout. Logged at DEBUG. */
        ROUTINE,
        /** The gateway or an operator ended it on purpose: timeouts, kicks, limits, shutdown. Logged at INFO. */
        NOTICE,
        /** The peer broke the protocol or abused a limit. Logged at WARN. */
        VIOLATION
    }
}
