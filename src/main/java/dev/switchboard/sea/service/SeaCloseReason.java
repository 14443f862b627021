package dev.switchboard.sea.service;

/** Why a SEA connection ended (§4.4); the tag value is the {@code reason} of the kill metric. */
public enum SeaCloseReason {
    /** The peer closed or reset the connection. */
    PEER_CLOSED("peer-closed"),
    /** A frame broke a layout rule (§5.1). */
    FORMAT_ERROR("format-error"),
    /** The first frame was not a valid LOGIN (§5.1). */
    NOT_LOGGED_IN("not-logged-in"),
    /** A name matched the blacklist (§12.2). */
    BLACKLISTED("blacklisted"),
    /** No valid LOGIN within the login timeout (§10.1). */
    LOGIN_TIMEOUT("login-timeout"),
    /** No command within the idle limit (§10.2). */
    PING_TIMEOUT("ping-timeout"),
    /** Flood control (§11.2); the address is banned too. */
    FLOOD("flood"),
    /** An operator killed the session (§14, §15). */
    ADMIN("admin"),
    /** Output piled up beyond the slow-consumer limits (F17). */
    SLOW_CONSUMER("slow-consumer"),
    /** A large frame could not be buffered: its address or the gateway already holds the input budget. */
    INPUT_BUDGET("input-budget"),
    /** A large frame was still incomplete when its deadline passed. */
    FRAME_TIMEOUT("frame-timeout"),
    /** Refused at accept: the address is banned (§12.1). */
    BANNED("banned"),
    /** Refused at accept or login: the connection class's {@code max_conns} was reached (§12.3). */
    MAX_CONNECTIONS("max-connections"),
    /** Refused at accept: all 65 534 IDs are in use (§3). */
    NO_FREE_ID("no-free-id"),
    /** The gateway is shutting down. */
    SHUTDOWN("shutdown"),
    /** A bug surfaced while handling the session; it is killed so nothing else is held up. */
    INTERNAL_ERROR("internal-error");

    private final String tag;

    SeaCloseReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
