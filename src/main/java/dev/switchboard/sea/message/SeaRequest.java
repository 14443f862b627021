package dev.switchboard.sea.message;

/**
 * One decoded client frame: its declared length {@code L} (which the flood charge needs, §11.1), the
 * command, and how many trailing bytes normal mode ignored (§5.1), so the handler can log them.
 */
public record SeaRequest(int length, SeaCommand command, int trailingBytes) {

    public SeaRequest {
        if (length < 0 || length > SeaCodes.MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("L out of range: " + length);
        }
        if (trailingBytes < 0) {
            throw new IllegalArgumentException("trailingBytes < 0");
        }
    }

    /** A request whose frame had exactly the bytes its fields imply. */
    public static SeaRequest exact(int length, SeaCommand command) {
        return new SeaRequest(length, command, 0);
    }

    public boolean malformed() {
        return command instanceof Malformed;
    }
}
