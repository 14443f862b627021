package dev.switchboard.cluster;

import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/cluster}: the engine, this node, the backplane's state and every live node with
 * its last heartbeat.
 */
@Endpoint(id = "cluster")
public class ClusterEndpoint {

    private final Backplane backplane;

    ClusterEndpoint(Backplane backplane) {
        this.backplane = backplane;
    }

    /**
     * The cluster as this node sees it.
     *
     * @param backplane {@code UP} or {@code DOWN}
     * @param reason    why it is down; empty when up
     * @param store     where durable operator state is kept (directory or redacted Redis URL)
     */
    public record Overview(String engine, String nodeId, String backplane, String reason, String store,
                           List<ClusterNode> nodes) {
    }

    @ReadOperation
    public Overview cluster() {
        return new Overview(backplane.engine(), backplane.nodeId(), backplane.available() ? "UP" : "DOWN",
                backplane.unavailableReason(), backplane.store().location(), backplane.nodes());
    }
}
