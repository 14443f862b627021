package dev.switchboard.rooms.service;

/**
 * Told of joins, leaves and messages in any room as they happen, under that room's lock, so calls about one room
 * arrive in the room's order: the bridge mirrors a room into the SEA group this way. Implementations must return
 * quickly and must not call back into {@link Rooms} (hand the work to another executor instead).
 *
 * <p>On a cluster every node applies every change, so an observer hears of members of every node, on the thread
 * that applies the cluster's changes; {@link RoomSession#local()} tells this node's members from the others'.
 */
public interface RoomsObserver {

    /** {@code session} joined {@code room} as {@code nick}; the room already told its members. */
    default void joined(String room, RoomSession session, String nick) {
    }

    /** {@code session} left {@code room} (disconnect or kick); the others already got {@code _DEL_USER}. */
    default void left(String room, RoomSession session, String nick) {
    }

    /** {@code session} said {@code text} (valid UTF-8, within the limits) in {@code room}; it was relayed. */
    default void said(String room, RoomSession session, String nick, byte[] text) {
    }
}
