package dev.switchboard.sea.archiver;

import java.time.Instant;

/**
 * A snapshot of the archiver client (management operations M9/M10).
 *
 * @param target      canonical target: {@code tcp://…}, {@code unix:…} or {@code file:…} for the fallback file
 * @param state       connection state
 * @param connected   {@code state == CONNECTED}
 * @param since       when the state last changed
 * @param queued      records waiting in the bounded queue
 * @param queuedBytes bytes waiting in the bounded queue
 * @param sent        records handed to the connection or file since start
 * @param sentBytes   bytes of those records
 * @param dropped     records that were not and will not be delivered
 * @param lastError   the most recent connection or write error, {@code null} if none yet
 */
public record ArchiverStatus(String target, State state, boolean connected, Instant since, int queued,
        long queuedBytes, long sent, long sentBytes, long dropped, String lastError) {

    /**
     * The GLOBALVARS {@code archsock} value (§13.7): positive while records are being delivered, −1 otherwise.
     * The fallback file counts, like the reference's inherited-descriptor form.
     */
    public int archSock() {
        return connected ? 1 : -1;
    }

    /** The GLOBALVARS {@code archpath} value (§13.7): the canonical target. */
    public String archPath() {
        return target;
    }

    /** Connection state of the archiver client. */
    public enum State {
        /** Not started, or stopped. */
        STOPPED,
        /** A connection attempt is in progress; records are queued. */
        CONNECTING,
        /** Records are being written to the archiver or the fallback file. */
        CONNECTED,
        /** The last attempt failed or the connection ended; the next attempt is scheduled. */
        DISCONNECTED
    }
}
