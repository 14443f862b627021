package dev.switchboard.core.metrics;

/** What the core's channel metrics handler reports, per listener; implemented with Micrometer. */
public interface ChannelMetricsRecorder {

    /** A recorder that drops everything, for unit tests. */
    ChannelMetricsRecorder NONE = new ChannelMetricsRecorder() {
        @Override
        public void connectionAccepted(String listener) {
        }

        @Override
        public void connectionClosed(String listener) {
        }

        @Override
        public void bytesRead(String listener, long bytes) {
        }

        @Override
        public void bytesWritten(String listener, long bytes) {
        }

        @Override
        public void becameUnwritable(String listener) {
        }
    };

    void connectionAccepted(String listener);

    void connectionClosed(String listener);

    void bytesRead(String listener, long bytes);

    void bytesWritten(String listener, long bytes);

    void becameUnwritable(String listener);
}
