package dev.switchboard.sea.message;

/** #15 PRINTERS_JOIN (§5.12). */
public record PrintersJoin() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.PRINTERS_JOIN;
    }
}
