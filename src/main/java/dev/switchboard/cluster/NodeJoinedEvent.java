package dev.switchboard.cluster;

/**
 * A node was seen for the first time (or again after it had left).
 *
 * @param node the node
 */
public record NodeJoinedEvent(ClusterNode node) {
}
