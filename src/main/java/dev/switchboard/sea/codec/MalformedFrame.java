package dev.switchboard.sea.codec;

/**
 * The input could not be split into frames (zero or oversized length, §2.2, §2.4). The decoder
 * discards everything after it; the session is killed.
 */
public record MalformedFrame(String reason) implements SeaInbound {
}
