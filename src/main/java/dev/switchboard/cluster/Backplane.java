package dev.switchboard.cluster;

import java.util.concurrent.Executor;

/**
 * One cluster engine: state, membership, ordered events and durable state behind one lifecycle.
 * {@link LocalBackplane} runs in process; {@link RedisBackplane} shares all four through Redis.
 */
public interface Backplane extends ClusterState, ClusterMembership, ClusterEvents, AutoCloseable {

    /** The durable key/value store of this engine. */
    DurableStore store();

    /**
     * Joins a replicated channel: restores {@code state} from the newest snapshot the cluster keeps (empty
     * when none), then applies the channel's later events in order, all on {@code owner} (a single-threaded
     * executor that owns the state). With {@code redis} a snapshot of the state is stored every heartbeat
     * interval while events arrive, so a node that joins later, or every node after a full restart, starts from it.
     * A node the others declared dead (a {@link NodeLeftEvent} with its own id) resynchronises the same way.
     *
     * @param channel a channel name used for nothing else
     */
    ReplicatedLog replicate(String channel, Executor owner, ReplicatedState state);

    /** Starts heartbeats and event delivery; for {@code redis} a first connection attempt is made before it returns. */
    void start();

    /** Says goodbye (removes this node's entry) and stops every thread and connection. */
    @Override
    void close();
}
