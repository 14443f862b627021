package dev.switchboard.cluster;

/**
 * One event read from a cluster event channel. Every node receives every event of a channel, its own
 * included, in one order that is the same on every node.
 *
 * @param channel the channel it was published on
 * @param id      its position in the channel: a Redis stream id ({@code 1733500000000-0}) or, for the
 *                local engine, {@code 0-<sequence>}; ids increase in delivery order
 * @param origin  the id of the node that published it
 * @param payload the bytes as published (a copy the listener may keep)
 */
public record ClusterEvent(String channel, String id, String origin, byte[] payload) {
}
