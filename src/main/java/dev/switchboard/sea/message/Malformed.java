package dev.switchboard.sea.message;

/** A frame that breaks a layout rule (§5.1 "format error"); the session that sent it is killed. */
public record Malformed(int code, String reason) implements SeaCommand {

    /** Code used when the frame itself could not be delimited (zero or oversized length). */
    public static final int NO_CODE = -1;
}
