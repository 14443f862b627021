package dev.switchboard.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A replicated channel of the {@code local} engine: a cluster of one starts empty (nothing outlives the
 * process here) and applies its own events in publish order on the owner executor.
 */
final class LocalReplicatedLog implements ReplicatedLog {

    private final ClusterEvents events;
    private final String channel;
    private final AutoCloseable subscription;
    private volatile boolean closed;

    LocalReplicatedLog(ClusterEvents events, String channel, Executor owner, ReplicatedState state) {
        this.events = events;
        this.channel = channel;
        // queued before the subscription exists, so the owner restores before it applies any event
        owner.execute(() -> state.restore(new byte[0]));
        this.subscription = events.subscribe(channel, ClusterEvents.Start.LATEST, event -> owner.execute(() -> {
            if (!closed) {
                state.apply(event);
            }
        }));
    }

    @Override
    public CompletableFuture<String> submit(byte[] event) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("replicated channel " + channel
                    + " is closed"));
        }
        return events.publish(channel, event);
    }

    @Override
    public boolean synced() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            Channels.log.debug("closing the subscription of {} failed: {}", channel, e.toString());
        }
    }
}
