package dev.switchboard.sea.service;

import java.time.Instant;

/**
 * One session as operators see it (§15 M11). Names, room and info are bytes mapped 1:1 to chars (§0).
 *
 * @param state         {@code AWAITING_LOGIN}, {@code LOGGED_IN} or {@code CLOSED}
 * @param loggedInAt    null while still logging in
 * @param penaltyTimer  Unix seconds, 0 before the first charged command (§13.6)
 * @param lastActivity  Unix seconds of the last charged command, initially the accept time
 * @param node          the cluster node that owns the connection ({@code switchboard.cluster.node-id}); for
 *                      another node's session the flood and idle figures are this node's defaults, not the owner's
 */
public record SeaSessionInfo(int id, String ip, int port, String state, String username, String compname,
                             int faculty, String room, String info, int version, boolean printer, boolean away,
                             Instant acceptedAt, Instant loggedInAt, int maxPenalty, long penaltyTimer,
                             long lastActivity, long idleSeconds, boolean throttled, String node) {
}
