package dev.switchboard.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * This node's handle on one replicated channel ({@link Backplane#replicate}): submit events, and learn
 * whether this node's copy of the state has caught up with the cluster.
 */
public interface ReplicatedLog extends AutoCloseable {

    /**
     * Appends an event. It is applied, on every node including this one, when it is read back from the
     * channel, never at once: a caller must not change its state on the strength of a submit.
     *
     * @return completes with the event's id once the channel holds it; fails when the backplane is unavailable
     */
    CompletableFuture<String> submit(byte[] event);

    /**
     * Whether this node's copy is usable: restored from the newest snapshot and caught up with every event
     * that was in the channel when it joined, and the backplane is available. False while joining, during an
     * outage and while resynchronising; a protocol refuses new sessions then.
     */
    boolean synced();

    /** Stops applying events and writing snapshots. */
    @Override
    void close();
}
