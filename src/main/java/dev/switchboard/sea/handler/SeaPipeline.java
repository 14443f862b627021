package dev.switchboard.sea.handler;

/**
 * Names of the SEA pipeline stages, in pipeline order (after the core's metrics and flush stages):
 * <ol>
 *   <li>{@link #FRAME_DECODER} – splits bytes into frames, bounded by the session's current cap</li>
 *   <li>{@link #FLOOD_GATE} – holds frames while the session is throttled (§11.2)</li>
 *   <li>{@link #COMMAND_DECODER} – frame to command record, with the sender's version and strict mode</li>
 *   <li>{@link #SESSION} – hands the decoded requests and the connection's events to the roster thread</li>
 *   <li>{@link #EXCEPTIONS} – the core's tail exception handler</li>
 * </ol>
 * All of these run on the connection's SEA I/O loop; only the service runs on the roster thread (see
 * {@code SeaChannelInitializer}).
 */
public final class SeaPipeline {

    public static final String FRAME_DECODER = "sea-frame-decoder";
    public static final String FLOOD_GATE = "sea-flood-gate";
    public static final String COMMAND_DECODER = "sea-command-decoder";
    public static final String SESSION = "sea-session";
    public static final String EXCEPTIONS = "sea-exceptions";

    private SeaPipeline() {
    }
}
