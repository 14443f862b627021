package dev.switchboard.rooms;

import dev.switchboard.core.metrics.MeterTag;
import dev.switchboard.rooms.service.Rooms.SayOutcome;

/** Why a chat message was refused: the {@code reason} of {@link RoomsMeters#MESSAGES_DROPPED}. */
public enum MessageDrop implements MeterTag {
    NOT_IN_ROOM("not-in-room"),
    EMPTY("empty"),
    TOO_LONG("too-long"),
    ROOM_SEALED("room-sealed");

    private final String tag;

    MessageDrop(String tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag;
    }

    /** The drop reason of a refused {@code outcome}; {@code SENT} is not a drop. */
    public static MessageDrop of(SayOutcome outcome) {
        return switch (outcome) {
            case NOT_IN_ROOM -> NOT_IN_ROOM;
            case EMPTY -> EMPTY;
            case TOO_LONG -> TOO_LONG;
            case ROOM_SEALED -> ROOM_SEALED;
            case SENT -> throw new IllegalArgumentException("a sent message is not dropped");
        };
    }
}
