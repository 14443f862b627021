package dev.switchboard.cluster;

/**
 * The backplane became available or unavailable. After an outage of Redis (possibly restarted and
 * empty), listeners resynchronise what they keep there when {@code available} turns true.
 *
 * @param available the new state
 * @param reason    why it is unavailable; empty when available
 */
public record BackplaneStateChangedEvent(boolean available, String reason) {
}
