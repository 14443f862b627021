package dev.switchboard.sea.service;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.sea.message.SeaBytes;

import java.time.Instant;

/**
 * One client as the SEA service sees it: no channel, no buffers, so a client need not be a socket (a user of
 * another protocol can be presented as a SEA user by a link that converts messages). All methods are called on
 * the SEA roster executor.
 */
public interface SeaLink {

    /**
     * Queues {@code delivery}'s message for this client, whose wire version is {@code version}; the message
     * leaves when the delivery is {@linkplain SeaDelivery#finish() finished}.
     */
    void deliver(SeaDelivery delivery, byte version);

    /**
     * Ends the connection for {@code reason} (§4.4 step 3), logged once and counted; output queued before is
     * still flushed. Later calls do nothing.
     *
     * @param detail what happened, for the log line; never sent to the client
     */
    void close(CloseReason reason, String detail);

    /** Starts reading frames: called once the connection was admitted (§12). */
    void startReading();

    /** Login succeeded (§5.2 step 10): the client no longer counts as anonymous. */
    void loggedIn();

    /**
     * Stops passing frames on until {@link #resumeReading()} (throttling, §11.2); the service also holds the
     * requests already on their way. The link calls {@link SeaService#resumeIfDue} at {@code until}.
     */
    void pauseReading(Instant until);

    /** Passes frames on again after a throttle pause. */
    void resumeReading();

    /** The connection as log lines name it (channel id and remote address). */
    default String describe() {
        return "";
    }

    /**
     * The LINK URL when none is configured (§6.9): the gateway's web server at the address this client
     * connected to, at most 255 bytes; empty when there is none.
     */
    default SeaBytes defaultArchiveUrl() {
        return SeaBytes.EMPTY;
    }

    /** Since when output has been piling up beyond the peer's reading (F17); null while it is not. */
    Instant unwritableSince();
}
