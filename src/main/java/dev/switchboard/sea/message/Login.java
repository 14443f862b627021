package dev.switchboard.sea.message;

import java.util.Objects;

/** #1 LOGIN (§5.2): raw, not yet sanitised user and computer names. */
public record Login(SeaBytes username, SeaBytes compname) implements SeaCommand {

    public Login {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(compname, "compname");
    }

    @Override
    public int code() {
        return SeaCodes.LOGIN;
    }
}
