package dev.switchboard.core.pipeline;

/** A peer broke its protocol; the connection is closed and the reason logged at warn, without a stack trace. */
public class ProtocolViolation extends RuntimeException {

    public ProtocolViolation(String reason) {
        super(reason, null, false, false);
    }
}
