package dev.switchboard.sea.message;

/** Command codes of both directions (§5.0, §6.0) and the framing limits of §2. */
public final class SeaCodes {

    public static final int LOGIN = 1;
    public static final int SEND_MESSAGE = 2;
    public static final int PING = 3;
    public static final int SET_USERINFO = 4;
    public static final int USERINFO_REQUEST = 5;
    public static final int CHAT = 7;
    public static final int CHAT_CANCEL = 8;
    public static final int LINK_REQUEST = 9;
    public static final int MUTE = 10;
    public static final int AWAY = 11;
    public static final int UNAWAY = 12;
    public static final int RENAME = 14;
    public static final int PRINTERS_JOIN = 15;
    public static final int PRINTERS_LEAVE = 16;

    public static final int S_USERLIST = 1;
    public static final int S_ADDUSER = 2;
    public static final int S_DELETEUSER = 3;
    public static final int S_MESSAGE = 4;
    public static final int S_PONG = 5;
    public static final int S_USERINFO = 6;
    public static final int S_CHAT = 7;
    public static final int S_CHAT_CANCEL = 8;
    public static final int S_LINK = 9;
    public static final int S_MUTE = 10;
    public static final int S_AWAY = 11;
    public static final int S_UNAWAY = 12;
    public static final int S_ALT_SERVER = 13;
    public static final int S_RENAME = 14;

    /** Largest value of the 3-byte length field, 16 MiB − 1 (§2.2). */
    public static final int MAX_FRAME_LENGTH = 0xFFFFFF;
    /** Size of the length field. */
    public static final int LENGTH_FIELD_SIZE = 3;
    /** Smallest {@code L} at which a version ≥ 102 session may send a big message (§2.4). */
    public static final int BIG_MESSAGE_MIN_LENGTH = 65542;
    /** Above this, a frame from a session below version 102 is killed in strict mode (§2.4, F27). */
    public static final int STRICT_LEGACY_MAX_LENGTH = 65543;

    private SeaCodes() {
    }
}
