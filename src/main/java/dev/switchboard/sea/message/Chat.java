package dev.switchboard.sea.message;

import java.util.Objects;

/** #7 CHAT (§5.7): the payload after the target ID is opaque and relayed verbatim. */
public record Chat(int target, SeaBytes payload) implements SeaCommand {

    public Chat {
        SeaIds.requireWireId(target);
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public int code() {
        return SeaCodes.CHAT;
    }
}
