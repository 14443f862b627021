package dev.switchboard.example.service;

/** What the example protocol counts; implemented with Micrometer, and as a no-op in unit tests. */
public interface ExampleMetrics {

    /** Does nothing: for unit tests and tools without a meter registry. */
    ExampleMetrics NONE = new ExampleMetrics() {
        @Override
        public void command(String outcome) {
        }

        @Override
        public void malformed(String reason) {
        }

        @Override
        public void logRotate(String outcome) {
        }
    };

    /** One handled TCP command; {@code outcome} is from {@link ServerAction.Reply#outcome()} or {@code quit}. */
    void command(String outcome);

    /** One refused line or datagram; {@code reason} is a {@code MalformedLine.Reason} name in lower case. */
    void malformed(String reason);

    /** One datagram on the log-rotate listener; {@code outcome} is a {@link LogRotation.Outcome} in lower case. */
    void logRotate(String outcome);
}
