package dev.switchboard.sea.message;

/** #8 CHAT_CANCEL (§5.7): the payload after the target ID is opaque and relayed verbatim. */
public record ChatCancel(int target, byte[] payload) implements SeaCommand {

    public ChatCancel {
        SeaIds.requireWireId(target);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public int code() {
        return SeaCodes.CHAT_CANCEL;
    }
}
