package dev.switchboard.sea.service;

/**
 * Where {@link SeaService} hands its state changes. {@link #LOCAL} applies each at once on the calling (roster)
 * thread: one node, nothing serialised, no thread hop. A replicated log instead appends it to a log that every
 * node reads, and each node calls {@link SeaService#apply} when the event comes back, in the log's order.
 */
public interface SeaRosterLog {

    /** A single node: every event is applied at once. */
    SeaRosterLog LOCAL = new SeaRosterLog() {
        @Override
        public boolean replicated() {
            return false;
        }

        @Override
        public void submit(SeaService service, SeaRosterEvent event) {
            service.apply(event);
        }
    };

    /** Whether events go through a log shared by several nodes (applied later, not during {@link #submit}). */
    boolean replicated();

    /**
     * Hands over one event; called on the roster executor. A replicated log that cannot append it (backplane
     * unavailable) reports that through {@link SeaService#submitFailed} on the roster executor.
     */
    void submit(SeaService service, SeaRosterEvent event);

    /** Whether this node's copy of the roster is complete and current, so new sessions may be admitted. */
    default boolean synced() {
        return true;
    }

    /**
     * How long this node's copy has not been current, in milliseconds; 0 while it is. Past the cluster's node
     * timeout the node closes its sessions rather than serve a roster that silently diverges.
     */
    default long unsyncedMillis() {
        return 0;
    }
}
