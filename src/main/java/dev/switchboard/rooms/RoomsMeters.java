package dev.switchboard.rooms;

/**
 * The rooms protocol's meter names, {@code switchboard.rooms.<thing>}; Prometheus renders them as
 * {@code switchboard_rooms_<thing>}. Tag keys come from the core's {@code GatewayMeters.Tags}, tag values from
 * enums, so series counts stay bounded. Connections the gateway ends are counted by the core's
 * {@code switchboard.connections.closed} with {@code protocol=rooms}.
 */
public final class RoomsMeters {

    /** Open rooms WebSocket connections (gauge). */
    public static final String CONNECTIONS = "switchboard.rooms.connections";
    /** Rooms that currently exist (gauge). */
    public static final String ROOMS = "switchboard.rooms.rooms";
    /** Users currently in a room (gauge). */
    public static final String MEMBERS = "switchboard.rooms.members";
    /** History lines retained over all rooms (gauge). */
    public static final String HISTORY_LINES = "switchboard.rooms.history.lines";
    /** Chat messages accepted from clients (counter). */
    public static final String MESSAGES_IN = "switchboard.rooms.messages.in";
    /** Packets queued for delivery to clients, tagged by kind (counter). */
    public static final String MESSAGES_OUT = "switchboard.rooms.messages.out";
    /** Chat messages refused, tagged by reason (counter). */
    public static final String MESSAGES_DROPPED = "switchboard.rooms.messages.dropped";
    /** WebSocket upgrades refused before a rooms connection existed, tagged by reason (counter). */
    public static final String UPGRADES_REFUSED = "switchboard.rooms.upgrades.refused";
    /** Rooms connections that went unwritable (counter). */
    public static final String UNWRITABLE = "switchboard.rooms.unwritable";
    /** WebSocket ping → pong round trip (histogram, seconds). */
    public static final String PING_ROUND_TRIP = "switchboard.rooms.ping.round.trip";

    private RoomsMeters() {
    }
}
