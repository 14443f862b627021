package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;

/**
 * One change of the SEA server's state, as the connection's node hands it to {@link SeaService#apply}: every
 * roster change and every delivery. Locally it is applied at once; in a cluster it travels through the
 * replicated roster log and every node applies it in the log's order. Times are the origin node's, so applying
 * depends only on the state and the event.
 */
public sealed interface SeaRosterEvent {

    /** A connection was admitted on its node: reserve an ID (§3) and list it as logging in. */
    record Reserve(SeaSessionKey key, byte[] address, int port, long acceptedAtMillis) implements SeaRosterEvent {
    }

    /** §5.2 steps 8–10 with names already sanitised and checked. */
    record Login(SeaSessionKey key, SeaBytes username, SeaBytes compname, long atMillis) implements SeaRosterEvent {
    }

    /** The connection is gone: the session ends (DELETEUSER when it was logged in) and its ID is freed. */
    record Leave(SeaSessionKey key) implements SeaRosterEvent {
    }

    /**
     * An operator (or a rule) on any node ended a session: like {@link Leave}, and the owning node closes the
     * connection for {@code reasonTag}.
     */
    record Kill(SeaSessionKey key, String reasonTag, String detail) implements SeaRosterEvent {
    }

    /** §5.3: a message to everybody, the printers or one user. */
    record Message(SeaSessionKey key, SendMessage message, long atMillis) implements SeaRosterEvent {
    }

    /** §5.7 (chat) and §5.8 (cancel): the payload relayed to the target. */
    record ChatRelay(SeaSessionKey key, int target, boolean cancel, SeaBytes payload) implements SeaRosterEvent {
    }

    /** §5.9. */
    record Mute(SeaSessionKey key, int target) implements SeaRosterEvent {
    }

    /** §5.6: away (true) or back (false). */
    record Away(SeaSessionKey key, boolean away) implements SeaRosterEvent {
    }

    /** §5.5. */
    record UserInfo(SeaSessionKey key, SetUserInfo info) implements SeaRosterEvent {
    }

    /** §5.11 with the name already sanitised and checked. */
    record Rename(SeaSessionKey key, SeaBytes username) implements SeaRosterEvent {
    }

    /** §5.12: joins (true) or leaves (false) the printers group. */
    record Printer(SeaSessionKey key, boolean member) implements SeaRosterEvent {
    }

    /** §6.13: ALT_SERVER to every logged-in session. */
    record AltServer(SeaBytes address) implements SeaRosterEvent {
    }

    /** A node died or was dropped: every session of that incarnation ends. */
    record NodeGone(String node, long incarnation) implements SeaRosterEvent {
    }
}
