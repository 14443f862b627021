package dev.switchboard.sea.message;

/** #11 AWAY (§5.10). */
public record Away() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.AWAY;
    }
}
