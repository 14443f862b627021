package dev.switchboard.sea.archiver;

/** What the archiver client reports to metrics; {@link #NOOP} for unit tests. */
public interface ArchiverMetrics {

    /** Does nothing; for tests that do not look at metrics. */
    ArchiverMetrics NOOP = new ArchiverMetrics() {
        @Override
        public void connected(boolean connected) {
        }

        @Override
        public void queued(int records) {
        }

        @Override
        public void dropped(DropReason reason, long records) {
        }
    };

    /** Whether records are currently being delivered (connection up, or the fallback file open). */
    void connected(boolean connected);

    /** Records currently waiting in the bounded queue. */
    void queued(int records);

    /** Records that will never reach the archiver. */
    void dropped(DropReason reason, long records);

    /** Why a record was dropped; the metric's {@code reason} tag. */
    enum DropReason {
        /** The queue was at its record or byte bound; the oldest record made room. */
        QUEUE_FULL("queue_full"),
        /** One record alone exceeds the queue's byte bound. */
        TOO_LARGE("too_large"),
        /** The connection or file failed while the record was being written. */
        WRITE_FAILED("write_failed"),
        /** The client was stopped with the record still queued, or offered one after stopping. */
        STOPPED("stopped");

        private final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }

        /** The tag value used in metrics. */
        public String tag() {
            return tag;
        }
    }
}
