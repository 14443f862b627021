package dev.switchboard.cluster;

/** The durable store could not be read or written (directory not writable, Redis unreachable). */
public final class DurableStoreException extends RuntimeException {

    public DurableStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
