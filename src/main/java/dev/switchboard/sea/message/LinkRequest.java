package dev.switchboard.sea.message;

/** #9 LINK_REQUEST (§5.8). */
public record LinkRequest() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.LINK_REQUEST;
    }
}
