package dev.switchboard.example.message;

/** Command names of the example conversation (spec §6) and of the log-rotate listener (spec §8). */
public final class ExampleCommands {

    public static final String HI = "HI";
    public static final String DAD = "DAD";
    public static final String CLIMB = "CLIMB";
    public static final String TOP = "TOP";
    public static final String WHO = "WHO";
    public static final String MOM = "MOM";
    public static final String BYE = "BYE";
    public static final String QUIT = "QUIT";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String INVALID = "INVALID";
    public static final String LOG_ROTATE = "LOG_ROTATE";
    /** The pre-2022 name of {@link #LOG_ROTATE} (spec §8, D8). */
    public static final String LOG = "LOG";
    public static final String STOP = "STOP";
    public static final String QUITTING = "QUITTING";

    /** Parameter naming the offending command in {@code UNKNOWN} and {@code INVALID} replies (spec §5). */
    public static final String PARAM_COMMAND = "command";
    /** Human-readable explanation in an {@code INVALID} reply. */
    public static final String PARAM_MESSAGE = "message";
    /** The log-rotate secret (spec §8). */
    public static final String PARAM_SECRET_CODE = "secret_code";

    private ExampleCommands() {
    }
}
