package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;
import java.net.InetAddress;

/** The service's view of one connected client: its member id and a way to reach it, never its channel. */
public interface RoomSession {

    /** Server-assigned id (spec §6 "Member ids"), unique for the life of the process. */
    int memberId();

    /**
     * Queues one packet for this client. Must be callable from any thread and must preserve call order: the
     * service relies on it to deliver {@code _NEW_USER} before that user's messages.
     */
    void send(TPacket packet);

    /** Ends the connection because an operator removed the member; the room has already been told. */
    void kick(String reason);

    /** {@code _NEW_USER} flags announced for this member ({@code p2}); 0 for an ordinary WebSocket client. */
    default int memberFlags() {
        return 0;
    }

    /** The client's address, for rules keyed by address (bans of bridged identities); loopback when it has none. */
    default InetAddress remoteAddress() {
        return InetAddress.getLoopbackAddress();
    }
}
