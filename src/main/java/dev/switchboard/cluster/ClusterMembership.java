package dev.switchboard.cluster;

import java.util.List;

/**
 * The nodes of the cluster. Changes are published as Spring application events: {@link NodeJoinedEvent}
 * when a node is first seen and {@link NodeLeftEvent} when it said goodbye or stayed silent past
 * {@code switchboard.cluster.node-timeout}; both are published on the backplane's own thread, so a
 * listener hands long work to its own executor.
 */
public interface ClusterMembership {

    /** The live nodes, this one included, sorted by id. */
    List<ClusterNode> nodes();
}
