package dev.switchboard.sea.message;

/** #5 USERINFO_REQUEST (§5.6). */
public record UserInfoRequest(int target) implements SeaCommand {

    public UserInfoRequest {
        SeaIds.requireWireId(target);
    }

    @Override
    public int code() {
        return SeaCodes.USERINFO_REQUEST;
    }
}
