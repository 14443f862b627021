package dev.switchboard.rooms.message;

/**
 * A WebSocket message that is not a valid tPacket; {@code reason} is the declared outcome: the connection is
 * closed with that reason's status (spec §9). {@code detail} is for the log line, never sent to the peer.
 */
public record Malformed(RoomsCloseReason reason, String detail) implements RoomsInbound {
}
