package dev.switchboard.rooms;

import dev.switchboard.rooms.message.Command;

/**
 * What the rooms pipeline records; implemented with Micrometer in production and by {@link #NOOP} in unit tests.
 * Every tag value is an enum constant, never user input. Closes are counted by the core disconnector.
 */
public interface RoomsMetrics {

    /** A WebSocket upgrade completed. */
    void connectionOpened();

    /** An upgraded connection ended. */
    void connectionClosed();

    /** A chat message arrived from a member. */
    void messageIn();

    /** {@code count} packets of {@code kind} were queued for delivery. */
    void packetsOut(Command kind, int count);

    /** A chat message was refused. */
    void messageDropped(MessageDrop reason);

    /** A WebSocket upgrade was refused before the connection became a rooms connection. */
    void upgradeRefused(UpgradeRefusal reason);

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
        public void packetsOut(Command kind, int count) {
        }

        @Override
        public void messageDropped(MessageDrop reason) {
        }

        @Override
        public void upgradeRefused(UpgradeRefusal reason) {
        }

        @Override
        public void becameUnwritable() {
        }
    };
}
