package dev.switchboard.cluster;

import java.time.Instant;

/**
 * One node of the cluster as this node sees it.
 *
 * @param id            the node's id
 * @param lastHeartbeat when the node last wrote its heartbeat (its own clock)
 * @param self          true for this node
 */
public record ClusterNode(String id, Instant lastHeartbeat, boolean self) {
}
