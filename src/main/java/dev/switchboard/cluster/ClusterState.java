package dev.switchboard.cluster;

/**
 * Whether this node can take part in the cluster right now: readiness, and later the refusal of new
 * logins and joins while the backplane is unreachable, read it.
 */
public interface ClusterState {

    /** The engine's name: {@code local} or {@code redis}. */
    String engine();

    /** This node's id (the host name unless {@code switchboard.cluster.node-id} is set). */
    String nodeId();

    /** True while the backplane answers: always for {@code local}; for {@code redis} while Redis answers. */
    boolean available();

    /** Why the backplane is not available; empty while it is. */
    String unavailableReason();
}
