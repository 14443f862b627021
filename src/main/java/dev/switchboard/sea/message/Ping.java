package dev.switchboard.sea.message;

/** #3 PING (§5.4). */
public record Ping() implements SeaCommand {

    @Override
    public int code() {
        return SeaCodes.PING;
    }
}
