package dev.switchboard.cluster;

/**
 * One cluster engine: state, membership, ordered events and durable state behind one lifecycle.
 * {@link LocalBackplane} runs in process; {@link RedisBackplane} shares all four through Redis.
 */
public interface Backplane extends ClusterState, ClusterMembership, ClusterEvents, AutoCloseable {

    /** The durable key/value store of this engine. */
    DurableStore store();

    /** Starts heartbeats and event delivery; for {@code redis} a first connection attempt is made before it returns. */
    void start();

    /** Says goodbye (removes this node's entry) and stops every thread and connection. */
    @Override
    void close();
}
