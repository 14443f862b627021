package dev.switchboard.rooms.message;

import dev.switchboard.core.metrics.MeterTag;
import java.util.Locale;
import java.util.Optional;

/** The {@code cmd} values of a tPacket, named as in rooms-protocol.md §6; the metric tag is the name in lower case. */
public enum Command implements MeterTag {
    NOP(0),
    SET_USER_NICK(1),
    SET_ROOM(2),
    RESP_OK(3),
    RESP_ERROR(4),
    NEW_USER(5),
    DEL_USER(6),
    NEW_MSG(7),
    LOGGED_MSG(8);

    private static final Command[] BY_CODE = values();

    private final int code;
    private final String tag;

    Command(int code) {
        this.code = code;
        this.tag = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String tag() {
        return tag;
    }

    public int code() {
        return code;
    }

    /** The command for a wire value; empty for 9 ({@code _MAX_MSG_COUNT}, never on the wire) and anything else. */
    public static Optional<Command> of(int code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[code]) : Optional.empty();
    }
}
