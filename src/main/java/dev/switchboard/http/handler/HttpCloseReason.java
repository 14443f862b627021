package dev.switchboard.http.handler;

import dev.switchboard.core.connection.CloseReason;

/** Why the gateway ended an HTTP connection; the shared reasons (peer closed, shutdown) are the core's. */
public enum HttpCloseReason implements CloseReason {
    /** The response ended a connection that does not stay open (HTTP/1.0, {@code Connection: close}, no length). */
    RESPONSE_ENDS_CONNECTION("response-ends-connection", Severity.ROUTINE),
    /** No byte for the idle timeout between requests. */
    IDLE_TIMEOUT("idle-timeout", Severity.ROUTINE),
    /** A request did not arrive in full within the request timeout; answered 408. */
    REQUEST_TIMEOUT("request-timeout", Severity.VIOLATION),
    /** A request line or header the decoder refused; answered 400, 414 or 431. */
    MALFORMED_REQUEST("malformed-request", Severity.VIOLATION),
    /** A request body over the limit; answered 413. */
    REQUEST_TOO_LARGE("request-too-large", Severity.VIOLATION);

    private final String tag;
    private final Severity severity;

    HttpCloseReason(String tag, Severity severity) {
        this.tag = tag;
        this.severity = severity;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public Severity severity() {
        return severity;
    }
}
