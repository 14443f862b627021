package dev.switchboard.sea.message;

/** #12 UNAWAY (§5.10). */
public record Unaway() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.UNAWAY;
    }
}
