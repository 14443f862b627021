package dev.switchboard.example.service;

/**
 * The example protocol's meter names, {@code switchboard.example.<thing>}; Prometheus renders them as
 * {@code switchboard_example_<thing>_total}. Tag values come from enums. Connections the gateway ends are counted
 * by the core's {@code switchboard.connections.closed} with {@code protocol=example}.
 */
public final class ExampleMeters {

    /** TCP commands handled, tagged by outcome ({@link CommandOutcome}). */
    public static final String COMMANDS = "switchboard.example.commands";
    /** Lines or datagrams refused, tagged by reason (the malformed-input {@code ExampleCloseReason}s). */
    public static final String MALFORMED = "switchboard.example.malformed";
    /** Datagrams on the log-rotate listener, tagged by outcome ({@link LogRotation.Outcome}). */
    public static final String LOG_ROTATIONS = "switchboard.example.log.rotations";

    private ExampleMeters() {
    }
}
