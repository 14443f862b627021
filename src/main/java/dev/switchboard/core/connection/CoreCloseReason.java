package dev.switchboard.core.connection;

/** The reasons every protocol shares; protocol-specific ones live in each protocol's own enum. */
public enum CoreCloseReason implements CloseReason {
    /** The peer closed or reset the connection before the gateway ended it. */
    PEER_CLOSED("peer-closed", Severity.ROUTINE),
    /** The gateway is shutting down (graceful drain). */
    SHUTDOWN("shutdown", Severity.NOTICE),
    /** Output for the peer piled up past the protocol's slow-consumer limit. */
    SLOW_CONSUMER("slow-consumer", Severity.NOTICE),
    /** A bug surfaced while handling the connection; it is closed so nothing else is held up. */
    INTERNAL_ERROR("internal-error", Severity.VIOLATION);

    private final String tag;
    private final Severity severity;

    CoreCloseReason(String tag, Severity severity) {
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
