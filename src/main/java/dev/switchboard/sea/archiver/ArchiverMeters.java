package dev.switchboard.sea.archiver;

/** Meter names of the SEA archiver client (catalogue entries to merge into the core's {@code GatewayMeters}). */
public final class ArchiverMeters {

    /** Gauge, 1 while records are being delivered, else 0. */
    public static final String CONNECTED = "switchboard.sea.archiver.connected";
    /** Gauge, records waiting in the bounded queue. */
    public static final String QUEUED = "switchboard.sea.archiver.queued";
    /** Counter, records that will never be delivered; tag {@code reason}. */
    public static final String DROPPED = "switchboard.sea.archiver.dropped";

    private ArchiverMeters() {
    }
}
