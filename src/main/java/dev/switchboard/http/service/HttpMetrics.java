package dev.switchboard.http.service;

/** Records HTTP responses for one listener; implemented with Micrometer, or a no-op in unit tests. */
public interface HttpMetrics {

    /** Records nothing. */
    HttpMetrics NONE = status -> { };

    /** Counts one response with this status code. */
    void responseSent(int status);
}
