package dev.switchboard.example.handler;

/**
 * Pipeline stage names of the example listeners, in order.
 *
 * <p>TCP and unix connections (after the core's metrics stage):
 * <ol>
 *   <li>{@link #DEADLINES}: closes the connection after the idle or partial-line timeout</li>
 *   <li>{@link #DECODER}: bounded LF framing and parsing into messages or malformed-line reports</li>
 *   <li>{@link #ENCODER}: message to {@code serialize + LF}</li>
 *   <li>{@link #MALFORMED}: logs refused lines, closes on an over-long one</li>
 *   <li>{@link #SESSION}: greets with HI and answers each message</li>
 *   <li>{@link #TAIL}: the core's exception sorter</li>
 * </ol>
 * The UDP log-rotate channel: {@link #LOG_ROTATE} alone (it handles its own exceptions).
 */
public final class ExamplePipeline {

    public static final String DEADLINES = "example-deadlines";
    public static final String DECODER = "example-decoder";
    public static final String ENCODER = "example-encoder";
    public static final String MALFORMED = "example-malformed";
    public static final String SESSION = "example-session";
    public static final String LOG_ROTATE = "example-log-rotate";
    public static final String TAIL = "example-tail";

    private ExamplePipeline() {
    }
}
