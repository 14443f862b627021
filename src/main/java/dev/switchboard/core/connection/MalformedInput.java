package dev.switchboard.core.connection;

/**
 * Bad input a decoder found, passed down the pipeline as a message rather than thrown, so one stage of each
 * protocol applies that protocol's declared outcome (a reply, a close, a ban) and the input is logged once.
 *
 * @param reason what the outcome is called: the close reason when the protocol closes, and the metric tag
 * @param detail what was wrong, for the log line; never echoed to the peer
 */
public record MalformedInput(CloseReason reason, String detail) {
}
