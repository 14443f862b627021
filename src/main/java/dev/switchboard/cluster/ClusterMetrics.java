package dev.switchboard.cluster;

/** What the backplane counts; {@link MicrometerClusterMetrics} exports it, {@link #NONE} ignores it (tests). */
public interface ClusterMetrics {

    /** Counts nothing. */
    ClusterMetrics NONE = new ClusterMetrics() {
        @Override
        public void published(boolean ok) {
        }

        @Override
        public void received(int events) {
        }

        @Override
        public void nodeLeft(NodeLeftEvent.Reason reason) {
        }

        @Override
        public void applied(String channel, long lagMillis) {
        }
    };

    /** One event handed to the backplane: {@code ok} false when it was refused or failed. */
    void published(boolean ok);

    /** Events read from the backplane and delivered to this node's listeners. */
    void received(int events);

    /** Another node was declared gone. */
    void nodeLeft(NodeLeftEvent.Reason reason);

    /**
     * An event of a replicated channel was applied here, {@code lagMillis} after Redis appended it (by this
     * node's clock against the time in the event's id, so a clock offset between node and Redis adds to it).
     */
    void applied(String channel, long lagMillis);
}
