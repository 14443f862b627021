package dev.switchboard.rooms.cluster;

/** Bytes on the {@code rooms} channel, or a snapshot, that are not what this version writes. */
public final class RoomsCodecException extends RuntimeException {

    RoomsCodecException(String message) {
        super(message, null, false, false);
    }
}
