package dev.switchboard.core.listener;

/** Why a listener closed a connection right after accepting it; the {@code reason} tag of the refusal counter. */
public enum ConnectionRefusal {
    /** The listener already had {@code max-connections} open. */
    MAX_CONNECTIONS("max_connections"),
    /** The remote address already had {@code max-unauthenticated-per-address} connections not yet authenticated. */
    UNAUTHENTICATED_PER_ADDRESS("unauthenticated_per_address");

    private final String tag;

    ConnectionRefusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
