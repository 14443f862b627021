package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaServerMessage;
import java.time.Instant;

/**
 * One client connection as the SEA service sees it: no channel, no buffers. All
 * methods are called on the SEA roster executor.
 */
public interface SeaLink {

    /** Closes the connection at once (§4.4 step 3); queued output may still be flushed. */
    void close();

    /** Starts reading frames: called once the connection was admitted (§12). */
    void startReading();

    /** Login succeeded: cancel the login timer (§5.2 step 10). */
    void loggedIn();

    /** Stops processing frames until {@link #resumeReading()} (throttling, §11.2); {@code until} is advisory. */
    void pauseReading(Instant until);

    /** Processes frames again after a throttle pause. */
    void resumeReading();

    /** The connection as log lines name it (channel id and remote address). */
    default String describe() {
        return "";
    }

    /**
     * The LINK URL when none is configured (§6.9): the gateway's web server at the address this client
     * connected to, at most 255 bytes; empty when there is none.
     */
    default byte[] defaultArchiveUrl() {
        return new byte[0];
    }

    /**
     * Receives a server message as an object. Only links that are not network connections (a bridged identity)
     * are given messages this way; network connections get the encoded bytes.
     */
    default void deliver(SeaServerMessage message) {
    }

    /** Whether output is piling up beyond the slow-consumer limits since {@code since} (F17); null = never. */
    Instant unwritableSince();
}
