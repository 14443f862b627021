package dev.switchboard.sea;

/**
 * The SEA meter names, {@code switchboard.sea.<thing>} (Prometheus: {@code switchboard_sea_<thing>}). Closed
 * connections are the core's {@code switchboard_connections_closed_total{protocol="sea",reason}}; the
 * archiver client's meters are named in {@code MicrometerArchiverMetrics}.
 */
public final class SeaMeters {

    /** SEA sessions currently logged in (gauge). */
    public static final String USERS = "switchboard.sea.users";
    /** SEA login attempts by outcome (counter). */
    public static final String LOGINS = "switchboard.sea.logins";
    /** SEA MESSAGE deliveries by kind (group, private, printers): one per sent message (counter). */
    public static final String MESSAGES = "switchboard.sea.messages";
    /** SEA MESSAGE copies written to recipients, by kind (counter). */
    public static final String MESSAGE_COPIES = "switchboard.sea.message.copies";
    /** SEA message payload bytes received from senders (base unit bytes), by kind (counter). */
    public static final String MESSAGE_BYTES = "switchboard.sea.message.bytes";
    /** SEA sessions throttled by flood control (counter). */
    public static final String THROTTLED = "switchboard.sea.throttled";
    /** Active SEA bans (gauge). */
    public static final String BANS = "switchboard.sea.bans";
    /** Time the roster took to handle one command (histogram, seconds; tag kind = command). */
    public static final String COMMAND_DURATION = "switchboard.sea.command.duration";
    /**
     * Time the roster thread spent running SEA work (counter, seconds): its rate is the thread's utilisation,
     * 1.0 meaning the one thread that runs the SEA service is saturated.
     */
    public static final String ROSTER_BUSY = "switchboard.sea.roster.busy";
    /** Tasks waiting for the roster thread (gauge). */
    public static final String ROSTER_QUEUED = "switchboard.sea.roster.queued";
    private SeaMeters() {
    }
}
