package dev.switchboard.sea.message;

import java.util.Objects;

/** #8 CHAT_CANCEL (§5.7): the payload after the target ID is opaque and relayed verbatim. */
public record ChatCancel(int target, SeaBytes payload) implements SeaCommand {

    public ChatCancel {
        SeaIds.requireWireId(target);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public int code() {
        return SeaCodes.CHAT_CANCEL;
    }
}
