package dev.switchboard.rooms.message;

/** The connection state machine of spec §4; a connection only moves forward through these levels. */
public enum TrustLevel {
    /** Level 0: waiting for the HTTP upgrade request. */
    HANDSHAKE,
    /** Level 1: upgraded; the first message must be the magic-string {@code _NOP}. */
    MAGIC,
    /** Level 2: waiting for {@code _SET_USER_NICK}. */
    NICK,
    /** Level 3: nick accepted; room join and chat commands. */
    TRUSTED
}
