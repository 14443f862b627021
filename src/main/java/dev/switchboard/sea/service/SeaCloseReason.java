package dev.switchboard.sea.service;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.CoreCloseReason;

/**
 * Why the gateway ended a SEA connection (§4.4), beside the {@link CoreCloseReason core reasons} every protocol
 * shares (peer closed, shutdown, slow consumer, internal error). The tag is the {@code reason} of
 * {@code switchboard_connections_closed_total{protocol="sea"}}; the severity decides the close's one log line.
 */
public enum SeaCloseReason implements CloseReason {
    /** A frame broke a layout rule (§5.1). */
    FORMAT_ERROR("format-error", Severity.VIOLATION),
    /** The first frame was not a valid LOGIN (§5.1). */
    NOT_LOGGED_IN("not-logged-in", Severity.VIOLATION),
    /** A name matched the blacklist (§12.2). */
    BLACKLISTED("blacklisted", Severity.VIOLATION),
    /** No valid LOGIN within the login timeout (§10.1). */
    LOGIN_TIMEOUT("login-timeout", Severity.NOTICE),
    /** No command within the idle limit (§10.2). */
    PING_TIMEOUT("ping-timeout", Severity.NOTICE),
    /** Flood control (§11.2); the address is banned too. */
    FLOOD("flood", Severity.VIOLATION),
    /** An operator killed the session (§14, §15). */
    ADMIN("admin", Severity.NOTICE),
    /**
     * A large frame could not be buffered: its address or the gateway already holds the input budget. A notice,
     * not a violation: an honest sender is refused too while others hold the budget.
     */
    INPUT_BUDGET("input-budget", Severity.NOTICE),
    /**
     * Refused on arrival: a frame of this address was refused by the input budget moments ago. Routine, so a
     * sender that reconnects in a loop does not write a log line per attempt.
     */
    INPUT_COOLDOWN("input-cooldown", Severity.ROUTINE),
    /** A large frame was still incomplete when its deadline passed. */
    FRAME_TIMEOUT("frame-timeout", Severity.VIOLATION),
    /** Refused at accept: the address is banned (§12.1). */
    BANNED("banned", Severity.NOTICE),
    /** Refused at accept or login: the connection class's {@code max_conns} was reached (§12.3). */
    MAX_CONNECTIONS("max-connections", Severity.NOTICE),
    /** Refused at accept: all 65 534 IDs are in use (§3). */
    NO_FREE_ID("no-free-id", Severity.VIOLATION),
    /**
     * Refused at accept: this node's copy of the cluster roster is not current (joining, or the backplane is
     * unreachable), so a USERLIST could not be exact. The client reconnects, usually to a healthy node.
     */
    CLUSTER_UNAVAILABLE("cluster-unavailable", Severity.NOTICE),
    /**
     * The cluster no longer holds this node's session: the backplane stayed unreachable longer than the node
     * timeout, or the other nodes declared this node dead. Closed so the client reconnects to a healthy node
     * rather than stay on a roster that silently diverges.
     */
    CLUSTER_LOST("cluster-lost", Severity.NOTICE);

    private final String tag;
    private final Severity severity;

    SeaCloseReason(String tag, Severity severity) {
        this.tag = tag;
        this.severity = severity;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Severity severity() {
        return severity;
    }
}
