package dev.switchboard.cluster;

/**
 * State that every node holds a full copy of and changes only by applying one channel's events in the
 * channel's order (a replicated state machine). Because every node applies the same events in the same
 * order from the same snapshot, every copy is the same after the same event, and a decision taken while
 * applying an event (an ID handed out, a roster order, who receives a message) is the same on every node
 * without any further coordination. {@link #apply} must therefore depend only on the state and the event:
 * no clock, no randomness, no node-local facts other than "is this session mine" (which decides who
 * delivers, never what the state becomes).
 *
 * <p>Every method is called on the executor given to {@link Backplane#replicate}, one at a time.
 */
public interface ReplicatedState {

    /** Applies one event of the channel, in channel order. */
    void apply(ClusterEvent event);

    /** The whole state as of the last applied event, for a node that joins later. */
    byte[] snapshot();

    /**
     * Replaces the whole state: when this node joins (with the newest stored snapshot, or an empty array when
     * the cluster has none) and when it resynchronises after the others dropped it. The events after the
     * snapshot follow through {@link #apply}.
     */
    void restore(byte[] snapshot);
}
