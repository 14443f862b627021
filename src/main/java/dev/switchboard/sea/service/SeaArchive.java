package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaBytes;

import java.time.Instant;

/** Where delivered messages are copied for the archiver side channel (§13.4). */
public interface SeaArchive {

    /** An archive that keeps nothing (no archiver configured). */
    SeaArchive NONE = (sender, destination, text, now) -> { };

    /**
     * Records one delivered message: only its first {@code msglen} bytes (§9.4), on the roster executor.
     *
     * @param destination 0, 65535 or the requested user ID, whether or not it exists
     */
    void message(SeaUser sender, int destination, SeaBytes text, Instant now);
}
