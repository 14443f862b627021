package dev.switchboard.sea.message;

/**
 * #2 SEND_MESSAGE (§5.3). {@code extension} is empty unless the sender has version 102 or later and
 * the frame was a big message (§9.4); the reserved byte is never kept because it is never forwarded.
 */
public record SendMessage(int destination, int flags, SeaBytes text, SeaBytes extension) implements SeaCommand {

    public SendMessage {
        SeaIds.requireWireId(destination);
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("flags must be one byte: " + flags);
        }
        if (text.length() > 0xFFFF) {
            throw new IllegalArgumentException("msglen is 16 bits: " + text.length());
        }
    }

    /** Text plus extension, the payload of a big message, without copying twice. */
    public int totalLength() {
        return text.length() + extension.length();
    }

    /** Whether this is a big (v102) message with payload beyond {@code msglen}. */
    public boolean big() {
        return extension.length() > 0;
    }

    @Override
    public int code() {
        return SeaCodes.SEND_MESSAGE;
    }
}
