package dev.switchboard.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A replicated channel on Redis: one stream read by every node. */
final class RedisReplicatedLog implements ReplicatedLog {

    private final ClusterEvents events;
    private final ClusterState state;
    private final String channel;
    private final AutoCloseable subscription;
    private volatile boolean closed;

    RedisReplicatedLog(ClusterEvents events, ClusterState clusterState, String channel, Executor owner,
                       ReplicatedState replicated) {
        this.events = events;
        this.state = clusterState;
        this.channel = channel;
        owner.execute(() -> replicated.restore(new byte[0]));
        this.subscription = events.subscribe(channel, ClusterEvents.Start.LATEST, event -> owner.execute(() -> {
            if (!closed) {
                replicated.apply(event);
            }
        }));
    }

    @Override
    public CompletableFuture<String> submit(byte[] event) {
        return events.publish(channel, event);
    }

    @Override
    public boolean synced() {
        return !closed && state.available();
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
