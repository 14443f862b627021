package dev.switchboard.core.metrics;

import io.netty.channel.Channel;

/**
 * What the core's channel metrics stage reports; implemented with Micrometer. Meters are resolved once
 * per listener, so the per-read and per-write path touches only its own counters.
 */
@FunctionalInterface
public interface ChannelMetricsRecorder {

    /** A recorder that drops everything, for unit tests. */
    ChannelMetricsRecorder NONE = listener -> ListenerMeters.NONE;

    /** The meters of one listener; called once when the listener is created. */
    ListenerMeters forListener(String listener);

    /** One listener's connection and byte meters. */
    interface ListenerMeters {

        ListenerMeters NONE = new ListenerMeters() {
            @Override
            public void connectionAccepted() {
            }

            @Override
            public void connectionClosed() {
            }

            @Override
            public void bytesRead(long bytes) {
            }

            @Override
            public void bytesWritten(long bytes) {
            }

            @Override
            public void becameUnwritable() {
            }
        };

        void connectionAccepted();

        void connectionClosed();

        void bytesRead(long bytes);

        void bytesWritten(long bytes);

        void becameUnwritable();

        /** A read on {@code channel} begins; whatever it causes on this thread counts from now. */
        default void readStarted(Channel channel) {
        }

        /** The read begun by {@link #readStarted} has been handled. */
        default void readFinished() {
        }
    }
}
