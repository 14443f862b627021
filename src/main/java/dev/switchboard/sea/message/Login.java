package dev.switchboard.sea.message;

/** #1 LOGIN (§5.2): raw, not yet sanitised user and computer names. */
public record Login(byte[] username, byte[] compname) implements SeaCommand {

    public Login {
        username = username.clone();
        compname = compname.clone();
    }

    @Override
    public byte[] username() {
        return username.clone();
    }

    @Override
    public byte[] compname() {
        return compname.clone();
    }

    @Override
    public int code() {
        return SeaCodes.LOGIN;
    }
}
