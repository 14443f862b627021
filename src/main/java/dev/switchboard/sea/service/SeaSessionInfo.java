package dev.switchboard.sea.service;

import java.time.Instant;

/**
 * One session as operators see it (§15 M11). Names, room and info are bytes mapped 1:1 to chars (§0).
 *
 * @param state         {@code AWAITING_LOGIN}, {@code LOGGED_IN} or {@code CLOSED}
 * @param loggedInAt    null while still logging in
 * @param penaltyTimer  Unix seconds, 0 before the first charged command (§13.6)
 * @param lastActivity  Unix seconds of the last charged command, initially the accept time
 */
public record SeaSessionInfo(int id, String ip, int port, String state, String username, String compname,
                             int faculty, String room, String info, int version, boolean printer, boolean away,
                             Instant acceptedAt, Instant loggedInAt, int maxPenalty, long penaltyTimer,
                             long lastActivity, long idleSeconds, boolean throttled) {
}
