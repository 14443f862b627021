package dev.switchboard.core.metrics;

/**
 * The catalogue of core meter names and of the protocols that have not moved theirs into their own package
 * yet (SEA's are in {@code SeaMeters}), {@code switchboard.<protocol>.<thing>}; Prometheus renders them as
 * {@code switchboard_<protocol>_<thing>}. Tags come only from {@link Tags}, never from user names or
 * addresses, so series counts stay bounded whatever the traffic.
 */
public final class GatewayMeters {

    /** Open connections per listener (gauge). */
    public static final String LISTENER_CONNECTIONS = "switchboard.listener.connections";
    /** Connections accepted per listener (counter). */
    public static final String LISTENER_ACCEPTED = "switchboard.listener.accepted";
    /** Connections closed per listener (counter). */
    public static final String LISTENER_CLOSED = "switchboard.listener.closed";
    /** Bytes read per listener (counter, base unit bytes: {@code switchboard_listener_received_bytes_total}). */
    public static final String LISTENER_BYTES_IN = "switchboard.listener.received";
    /** Bytes written per listener (counter, base unit bytes: {@code switchboard_listener_sent_bytes_total}). */
    public static final String LISTENER_BYTES_OUT = "switchboard.listener.sent";
    /** Connections that stopped accepting writes because their buffer passed the high water mark. */
    public static final String LISTENER_UNWRITABLE = "switchboard.listener.unwritable";
    /** 1 while the listener is bound, 0 otherwise (gauge). */
    public static final String LISTENER_UP = "switchboard.listener.up";
    /** Connections a listener closed right after accepting them, by reason (counter). */
    public static final String LISTENER_CONNECTIONS_REFUSED = "switchboard.listener.connections.refused";
    /** The most connections a listener keeps open at once (gauge); compare with {@link #LISTENER_CONNECTIONS}. */
    public static final String LISTENER_CONNECTIONS_LIMIT = "switchboard.listener.connections.limit";
    /** Open connections of a listener that have not authenticated yet (gauge). */
    public static final String LISTENER_CONNECTIONS_UNAUTHENTICATED = "switchboard.listener.connections.unauthenticated";

    /** Connections ended, by protocol and typed reason (counter). */
    public static final String CONNECTIONS_CLOSED = "switchboard.connections.closed";

    /** Bytes reserved by large inbound frames still being received (gauge, base unit bytes). */
    public static final String INPUT_BUDGET_RESERVED = "switchboard.input.budget.reserved";
    /** The total input budget (gauge, base unit bytes). */
    public static final String INPUT_BUDGET_LIMIT = "switchboard.input.budget.limit";
    /** Large frames refused by the input budget, by reason (per_address, total) (counter). */
    public static final String INPUT_BUDGET_REFUSED = "switchboard.input.budget.refused";

    /** HTTP responses per listener and status class (counter, tags listener and status = 1xx … 5xx). */
    public static final String HTTP_REQUESTS = "switchboard.http.requests";

    private GatewayMeters() {
    }

    /** The only tag keys meters may carry. */
    public static final class Tags {
        public static final String PROTOCOL = "protocol";
        public static final String LISTENER = "listener";
        public static final String OUTCOME = "outcome";
        public static final String REASON = "reason";
        public static final String KIND = "kind";
        public static final String STATUS = "status";
        /** Netty meters: {@code heap} or {@code direct}. */
        public static final String MEMORY = "memory";
        /** Netty meters: the event-loop group, {@code boss} or {@code workers}. */
        public static final String GROUP = "group";
        /** Netty meters: an event loop's index in its group. */
        public static final String LOOP = "loop";

        private Tags() {
        }
    }
}
