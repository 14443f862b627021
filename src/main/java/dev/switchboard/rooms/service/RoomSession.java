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

    /**
     * Server-assigned id (spec §6 "Member ids"), unique for the life of the process (cluster-wide on a cluster,
     * where it is handed out when the nick is accepted; 0 before).
     */
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

    /**
     * Whether this member's connection is on this node. On a cluster every node holds every member; a member of
     * another node is a stand-in that delivers nothing (its own node delivers to it). Always true on {@code local}.
     */
    default boolean local() {
        return true;
    }

    /** The id of the node this member's connection is on; null for a session of this node. */
    default String node() {
        return null;
    }

    /**
     * The cluster decided this member's own nick request {@code uid} (a {@code PENDING} outcome of the intake).
     * Called on the thread that applies the cluster's changes: an implementation only queues.
     */
    default void nickDecided(int uid, Rooms.NickOutcome outcome) {
    }

    /** The cluster decided this member's own join request {@code uid}, as {@link #nickDecided}. */
    default void joinDecided(int uid, Rooms.JoinOutcome outcome) {
    }

    /**
     * Sets the id {@link #memberId()} returns from now on. On a cluster, member ids are handed out by the
     * replicated state when it accepts a nick (or restores a snapshot), so every session of every kind takes the
     * id it is given; on {@code local} the id is fixed at the upgrade and this is never called.
     */
    void assignMemberId(int memberId);

    /** Why a cluster ends a member's connection. */
    enum ClusterEnd {
        /** The cluster no longer holds this member (its node was cut off or declared gone): reconnect. */
        RESTART,
        /** The cluster cannot take the request now: try again later, maybe on another node. */
        TRY_LATER
    }

    /** A cluster ends this member's connection for {@code why}. Any thread; only queues. */
    default void endByCluster(ClusterEnd why, String detail) {
    }

    /** The client's address, for rules keyed by address (bans of bridged identities); loopback when it has none. */
    default InetAddress remoteAddress() {
        return InetAddress.getLoopbackAddress();
    }
}
