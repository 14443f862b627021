package dev.switchboard.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Totally ordered publish/subscribe between the nodes. A channel is one append-only log (for
 * {@code redis} one Redis stream, written with {@code XADD} and read by every node with {@code XREAD}):
 * every subscriber on every node receives the channel's events in the same order, its own node's
 * included, so a node applies its own changes when they come back from the log, not when it publishes them.
 *
 * <p>Listeners of one node are called one at a time on the backplane's reader thread, in channel order;
 * a listener must not block and hands real work to its own executor.
 */
public interface ClusterEvents {

    /** Where a new subscription starts. */
    enum Start {
        /** With the first event published after the subscription was made. */
        LATEST,
        /** With the oldest event the channel still keeps. */
        EARLIEST
    }

    /**
     * Appends an event to a channel.
     *
     * @param channel a channel name: letters, digits, '.', '_' and '-'
     * @param payload the bytes (copied)
     * @return completes with the event's id once the channel holds it; fails when the backplane is unavailable
     */
    CompletableFuture<String> publish(String channel, byte[] payload);

    /**
     * Receives a channel's events from {@code start} on.
     *
     * @return closing it stops delivery to this listener
     */
    AutoCloseable subscribe(String channel, Start start, Consumer<ClusterEvent> listener);
}
