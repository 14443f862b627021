package dev.switchboard.http.service;

/** Records HTTP responses for one listener; implemented with Micrometer, or a no-op in unit tests. */
public interface HttpMetrics {

    /** Records nothing. */
    HttpMetrics NONE = status -> { };

    /** Counts one response with this status code. */
    void responseSent(int status);

    /**
     * Counts one response and times its request: {@code elapsedNanos} from the request head to the
     * response head, or negative when no request is waiting (an interim or unsolicited response).
     */
    default void responseSent(int status, long elapsedNanos) {
        responseSent(status);
    }
}
