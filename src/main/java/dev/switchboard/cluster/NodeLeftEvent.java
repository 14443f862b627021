package dev.switchboard.cluster;

/**
 * A node left the cluster: its sessions are gone and every survivor must remove them.
 *
 * @param nodeId the node's id
 * @param reason how it left
 */
public record NodeLeftEvent(String nodeId, Reason reason) {

    /** How a node left. */
    public enum Reason {
        /** It stopped and removed its own entry. */
        GOODBYE,
        /** Its heartbeat was not renewed within {@code switchboard.cluster.node-timeout}. */
        TIMEOUT
    }
}
