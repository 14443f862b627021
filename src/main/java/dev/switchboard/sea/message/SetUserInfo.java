package dev.switchboard.sea.message;

/** #4 SET_USERINFO (§5.5); {@code version} is the raw, signed version byte (§4.1). */
public record SetUserInfo(int faculty, SeaBytes room, SeaBytes info, byte version) implements SeaCommand {

    public SetUserInfo {
        if (faculty < 0 || faculty > 0xFF) {
            throw new IllegalArgumentException("faculty must be one byte: " + faculty);
        }
        if (room.length() != 5) {
            throw new IllegalArgumentException("room is 5 bytes: " + room.length());
        }
        if (info.length() > 0xFF) {
            throw new IllegalArgumentException("info is at most 255 bytes: " + info.length());
        }
    }

    @Override
    public int code() {
        return SeaCodes.SET_USERINFO;
    }
}
