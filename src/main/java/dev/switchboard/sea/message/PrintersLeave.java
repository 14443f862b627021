package dev.switchboard.sea.message;

/** #16 PRINTERS_LEAVE (§5.12). */
public record PrintersLeave() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.PRINTERS_LEAVE;
    }
}
