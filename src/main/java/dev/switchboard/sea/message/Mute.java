package dev.switchboard.sea.message;

/** #10 MUTE (§5.9). */
public record Mute(int target) implements SeaCommand {

    public Mute {
        SeaIds.requireWireId(target);
    }

    @Override
    public int code() {
        return SeaCodes.MUTE;
    }
}
