package dev.switchboard.cluster;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A replicated channel on Redis: the events are one stream, and a snapshot of the state with the id of the
 * last event it contains is kept beside it ({@code <prefix>:snapshot:<channel>}).
 *
 * <p>Joining is exact: read the snapshot (state as of id X), restore it on the owner, then apply the
 * stream's events after X. Every synced node offers a snapshot at each heartbeat while events arrive;
 * Redis keeps it only if its id is newer than the stored one, so the stored snapshot only moves forward and
 * a node that joins later, or every node after a full restart, starts from a recent state. If the stream
 * has already dropped events after X (trimmed to {@code stream-max-length}), the state cannot be rebuilt
 * from that snapshot: the node waits for a newer one and only after several tries starts with what is left.
 *
 * <p>A node the others dropped (its heartbeats stopped reaching Redis for {@code node-timeout}) or that
 * finds Redis emptied resynchronises the same way: a new generation restores the newest snapshot, and
 * events still in flight for the old generation are ignored.
 *
 * <p>Threads: joining runs on the backplane's heartbeat thread; the state is touched only on its owner.
 */
final class RedisReplicatedLog implements ReplicatedLog {

    /** How many times a join waits for a newer snapshot after finding a gap before it accepts the loss. */
    private static final int GAP_RETRIES = 3;

    private final RedisBackplane backplane;
    private final String channel;
    private final Executor owner;
    private final ReplicatedState state;
    private final ClusterMetrics metrics;
    private final Clock clock;
    /** Incremented by every join; events of an older generation are ignored. */
    private volatile int generation;
    /** Set on the owner once the join's target id is applied; cleared when a new join starts. */
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private int gapTries;
    /** Set when this node must (re)join: at first and after {@link #resync()}; read and cleared on the heartbeat thread. */
    private volatile boolean joinDue = true;
    /** Owner-only: the id of the last event applied, and whether a snapshot is due. */
    private String applied = StreamIds.ZERO;
    private String target = StreamIds.ZERO;
    private volatile boolean changedSinceSnapshot;

    RedisReplicatedLog(RedisBackplane backplane, String channel, Executor owner, ReplicatedState state,
                       ClusterMetrics metrics, Clock clock) {
        this.backplane = backplane;
        this.channel = channel;
        this.owner = owner;
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> submit(byte[] event) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("replicated channel " + channel
                    + " is closed"));
        }
        return backplane.publish(channel, event);
    }

    @Override
    public boolean synced() {
        return caughtUp && !closed && backplane.available();
    }

    String channel() {
        return channel;
    }

    /**
     * Runs on every heartbeat (heartbeat thread): joins when a join is due, otherwise offers a snapshot. A
     * failed join (Redis unreachable) is tried again at the next heartbeat.
     */
    void maintain() {
        if (closed) {
            return;
        }
        if (joinDue) {
            joinDue = !join();
        } else {
            offerSnapshot();
        }
    }

    /**
     * One join attempt: restores the newest snapshot and starts reading after it.
     *
     * @return false when it must be tried again later (a gap, and a newer snapshot may come)
     */
    private boolean join() {
        if (closed) {
            return true;
        }
        RedisBackplane.Snapshot snapshot = backplane.loadSnapshot(channel);
        String after = snapshot == null ? StreamIds.ZERO : snapshot.id();
        if (backplane.lostEventsAfter(channel, after)) {
            if (++gapTries <= GAP_RETRIES) {
                Channels.log.info("Cluster channel {}: events after snapshot {} were trimmed; waiting for a newer"
                        + " snapshot", channel, after);
                return false;
            }
            Channels.log.warn("Cluster channel {}: events after snapshot {} are gone and no newer snapshot came;"
                    + " starting from what the stream still holds, so this node's state may miss changes made then",
                    channel, after);
        }
        gapTries = 0;
        String latest = backplane.latestId(channel);
        byte[] data = snapshot == null ? new byte[0] : snapshot.data();
        caughtUp = false;
        int joining = ++generation;
        owner.execute(() -> {
            if (joining != generation || closed) {
                return;
            }
            state.restore(data);
            applied = after;
            target = latest;
            changedSinceSnapshot = false;
            checkCaughtUp();
        });
        backplane.readFrom(channel, after, event -> owner.execute(() -> apply(joining, event)));
        return true;
    }

    /** The others dropped this node, or Redis lost the channel: start over from the newest snapshot. */
    void resync() {
        caughtUp = false;
        generation++;
        joinDue = true;
    }

    private void apply(int joined, ClusterEvent event) {
        if (joined != generation || closed || StreamIds.compare(event.id(), applied) <= 0) {
            return;
        }
        state.apply(event);
        applied = event.id();
        changedSinceSnapshot = true;
        metrics.applied(channel, Math.max(0, clock.millis() - StreamIds.millis(event.id())));
        checkCaughtUp();
    }

    private void checkCaughtUp() {
        if (!caughtUp && StreamIds.compare(applied, target) >= 0) {
            caughtUp = true;
            Channels.log.info("Cluster channel {} joined at event {}", channel, applied);
        }
    }

    /** Offers a snapshot if events were applied since the last one; the state is read on its owner. */
    private void offerSnapshot() {
        if (!synced() || !changedSinceSnapshot) {
            return;
        }
        int current = generation;
        owner.execute(() -> {
            if (current != generation || closed || !caughtUp) {
                return;
            }
            changedSinceSnapshot = false;
            backplane.storeSnapshot(channel, applied, state.snapshot());
        });
    }

    @Override
    public void close() {
        closed = true;
        generation++;
        backplane.stopReading(channel);
    }
}
