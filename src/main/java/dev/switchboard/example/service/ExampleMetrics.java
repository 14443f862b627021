package dev.switchboard.example.service;

import dev.switchboard.example.message.ExampleCloseReason;

/** What the example protocol counts; implemented with Micrometer, and as a no-op in unit tests. */
public interface ExampleMetrics {

    /** Does nothing: for unit tests and tools without a meter registry. */
    ExampleMetrics NONE = new ExampleMetrics() {
        @Override
        public void command(CommandOutcome outcome) {
        }

        @Override
        public void malformed(ExampleCloseReason reason) {
        }

        @Override
        public void logRotate(LogRotation.Outcome outcome) {
        }
    };

    /** One handled TCP command. */
    void command(CommandOutcome outcome);

    /** One refused line or datagram; {@code reason} is one of {@link ExampleCloseReason#malformedInput()}. */
    void malformed(ExampleCloseReason reason);

    /** One datagram on the log-rotate listener. */
    void logRotate(LogRotation.Outcome outcome);
}
