package dev.switchboard.sea.message;

/** #14 RENAME (§5.11): the raw new user name, 1–255 bytes, not yet sanitised. */
public record Rename(SeaBytes username) implements SeaCommand {

    public Rename {
        if (username.length() == 0 || username.length() > 0xFF) {
            throw new IllegalArgumentException("name length must be 1..255: " + username.length());
        }
    }

    @Override
    public int code() {
        return SeaCodes.RENAME;
    }
}
