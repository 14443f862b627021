package dev.switchboard.rooms;

import dev.switchboard.rooms.service.RoomsIntake;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code rooms} in the readiness group: DOWN while this node takes no new chat members, which on a cluster is while
 * its copy of the rooms state is not in sync with the others (joining, resynchronising, or Redis away). Always UP
 * on the {@code local} engine.
 */
final class RoomsHealthIndicator implements HealthIndicator {

    private final RoomsIntake intake;
    private final String engine;

    RoomsHealthIndicator(RoomsIntake intake, String engine) {
        this.intake = intake;
        this.engine = engine;
    }

    @Override
    public Health health() {
        Health.Builder health = intake.accepting() ? Health.up()
                : Health.down().withDetail("reason", "rooms state not in sync with the cluster");
        return health.withDetail("engine", engine).build();
    }
}
