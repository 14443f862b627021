package dev.switchboard.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code cluster} in the readiness group: DOWN, with the reason, while the backplane is unavailable
 * (Redis unreachable), so a node that cannot reach the others takes no new traffic. Never part of
 * liveness: restarting the pod would not bring Redis back.
 */
final class ClusterHealthIndicator implements HealthIndicator {

    private final Backplane backplane;

    ClusterHealthIndicator(Backplane backplane) {
        this.backplane = backplane;
    }

    @Override
    public Health health() {
        Health.Builder health = backplane.available() ? Health.up()
                : Health.down().withDetail("reason", backplane.unavailableReason());
        return health.withDetail("engine", backplane.engine())
                .withDetail("nodeId", backplane.nodeId())
                .withDetail("nodes", backplane.nodes().size())
                .build();
    }
}
