package dev.switchboard.rooms.cluster;

/**
 * One change of the replicated rooms state, as a node's intake submits it on the {@code rooms} channel and every
 * node applies it. Byte fields are the exact bytes the client sent (nick, room name, text), re-validated when
 * applied so a malformed event changes nothing anywhere.
 */
public sealed interface RoomsEvent {

    /** Session {@code key} asks for {@code nick} in its level-2 request {@code uid}. */
    record ClaimNick(SessionKey key, int uid, byte[] nick, int flags) implements RoomsEvent {
    }

    /** Session {@code key} asks to join {@code room} in request {@code uid}. */
    record Join(SessionKey key, int uid, byte[] room) implements RoomsEvent {
    }

    /** Session {@code key} says {@code text} in its room. */
    record Say(SessionKey key, byte[] text) implements RoomsEvent {
    }

    /** Session {@code key} ended. */
    record Leave(SessionKey key) implements RoomsEvent {
    }

    /** An operator removes member {@code memberId} from {@code room}. */
    record Kick(byte[] room, int memberId) implements RoomsEvent {
    }

    /** An operator posts the history line {@code line} ({@code "* <text>"}) to {@code room}. */
    record Notice(byte[] room, byte[] line) implements RoomsEvent {
    }

    /**
     * The members of node {@code node} are gone (it timed out, said goodbye, or restarted), except those of its
     * process {@code keepIncarnation} (0: keep none). A room they leave empty stays dormant with its history.
     */
    record NodeGone(String node, long keepIncarnation) implements RoomsEvent {
    }
}
