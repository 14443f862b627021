package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;

import java.util.List;

/** Delivers one packet to many sessions; the transport implementation encodes it once for all of them. */
public interface Fanout {

    /**
     * Sends {@code packet} to each recipient, preserving per-recipient call order like {@link RoomSession#send}.
     */
    void broadcast(List<RoomSession> recipients, TPacket packet);

    /** The simplest fan-out: one {@link RoomSession#send} per recipient, for tests and non-network sessions. */
    Fanout EACH = (recipients, packet) -> recipients.forEach(r -> r.send(packet));
}
