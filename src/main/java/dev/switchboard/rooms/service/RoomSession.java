package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;
import java.net.InetAddress;

/**
 * The service's view of one member: its member id and a way to reach it, never its transport. A WebSocket
 * connection is one kind of session; a member presented by another protocol is another, and both receive the
 * same calls.
 *
 * <p>The service calls {@link #send} and {@link #deliver} while holding a room's lock, so an implementation must
 * only queue: it never writes to a connection inline, never closes one, and never calls back into the service.
 */
public interface RoomSession {

    /** Server-assigned id (spec §6 "Member ids"), unique for the life of the process. */
    int memberId();

    /**
     * Queues one packet for this member. Must be callable from any thread and must preserve call order with
     * {@link #deliver}: the service relies on it to deliver {@code _NEW_USER} before that user's messages.
     */
    void send(TPacket packet);

    /**
     * Queues one packet of a broadcast. A connection takes its transport's shared form of it
     * ({@link Delivery#form}); the default, for sessions that are not connections, sends the packet itself.
     */
    default void deliver(Delivery delivery) {
        send(delivery.packet());
    }

    /** Ends the member's connection because an operator removed it; the room has already been told. */
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
