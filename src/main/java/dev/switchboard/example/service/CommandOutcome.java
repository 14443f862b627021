package dev.switchboard.example.service;

import dev.switchboard.core.metrics.MeterTag;

/** What became of one TCP command: the {@code outcome} of {@link ExampleMeters#COMMANDS}. */
public enum CommandOutcome implements MeterTag {
    /** One of the conversation's commands, answered with its fixed reply (spec §6.2). */
    CONVERSATION("conversation"),
    /** A command the server does not know, answered with {@code UNKNOWN}. */
    UNKNOWN("unknown"),
    /** An accepted {@code QUIT} (spec §6.4). */
    QUIT("quit"),
    /** A {@code QUIT} from a peer it is not allowed from, answered with {@code INVALID}. */
    QUIT_REFUSED("quit_refused");

    private final String tag;

    CommandOutcome(String tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag;
    }
}
