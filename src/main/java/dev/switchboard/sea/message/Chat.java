package dev.switchboard.sea.message;

/** #7 CHAT (§5.7): the payload after the target ID is opaque and relayed verbatim. */
public record Chat(int target, byte[] payload) implements SeaCommand {

    public Chat {
        SeaIds.requireWireId(target);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public int code() {
        return SeaCodes.CHAT;
    }
}
