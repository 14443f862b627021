package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SendMessage;

/**
 * Told of roster changes and group messages as they happen, after the change and its broadcasts, on the roster
 * executor: the bridge mirrors the SEA group into a room this way. Implementations must not block.
 */
public interface SeaObserver {

    /** A session logged in and was announced. */
    default void loggedIn(SeaUser user) {
    }

    /** A logged-in session ended (any reason) and DELETEUSER went out. */
    default void loggedOut(SeaUser user) {
    }

    /** A logged-in session changed its user name. */
    default void renamed(SeaUser user) {
    }

    /** A logged-in session went away or came back. */
    default void awayChanged(SeaUser user) {
    }

    /** A message to everybody (destination 0) was delivered. */
    default void groupMessage(SeaUser sender, SendMessage message) {
    }
}
