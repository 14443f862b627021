package dev.switchboard.rooms;

/**
 * What the rooms pipeline records; implemented with Micrometer in production and by {@link #NOOP} in unit tests.
 * Reason and kind values are fixed lower-case words chosen by the code, never user input.
 */
public interface RoomsMetrics {

    /** A WebSocket upgrade completed. */
    void connectionOpened();

    /** An upgraded connection ended. */
    void connectionClosed();

    /** A chat message arrived from a member. */
    void messageIn();

    /** {@code count} packets of {@code kind} were queued for delivery. */
    void packetsOut(String kind, int count);

    /** A chat message was refused or not delivered. */
    void messageDropped(String reason);

    /** The server closed a connection. */
    void disconnected(String reason);

    /** A connection's write buffer passed its high water mark. */
    void becameUnwritable();

    /** A client answered a server ping after {@code nanos}. */
    default void pingRoundTrip(long nanos) {
    }

    /** Records nothing. */
    RoomsMetrics NOOP = new RoomsMetrics() {
        @Override
        public void connectionOpened() {
        }

        @Override
        public void connectionClosed() {
        }

        @Override
        public void messageIn() {
        }

        @Override
        public void packetsOut(String kind, int count) {
        }

        @Override
        public void messageDropped(String reason) {
        }

        @Override
        public void disconnected(String reason) {
        }

        @Override
        public void becameUnwritable() {
        }
    };
}
