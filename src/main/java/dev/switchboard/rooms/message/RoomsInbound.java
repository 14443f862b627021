package dev.switchboard.rooms.message;

/** What the packet decoder yields for one WebSocket message: a well-formed packet or a typed rejection. */
public sealed interface RoomsInbound permits TPacket, Malformed {
}
