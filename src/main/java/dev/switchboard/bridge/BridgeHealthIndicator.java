package dev.switchboard.bridge;

import dev.switchboard.bridge.service.BridgeService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The bridge as a readiness detail: whether it is on, which room it mirrors and how many identities it carries.
 * It is DOWN only when the SEA roster thread that owns the bridge does not answer (which the {@code sea}
 * indicator reports as well); a bridge that is off is UP with {@code enabled: false}.
 */
final class BridgeHealthIndicator implements HealthIndicator {

    private final BridgeService bridge;
    private final BridgeProperties properties;

    /** @param bridge the bridge, or null when it is off */
    BridgeHealthIndicator(BridgeService bridge, BridgeProperties properties) {
        this.bridge = bridge;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (bridge == null) {
            return Health.up().withDetail("enabled", false).build();
        }
        try {
            BridgeService.Snapshot snapshot = bridge.snapshot().get(2, TimeUnit.SECONDS);
            return Health.up().withDetail("enabled", true).withDetail("room", properties.room())
                    .withDetail("webMembersOnSea", snapshot.webMembersOnSea().size())
                    .withDetail("seaUsersInRoom", snapshot.seaUsersInRoom().size()).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("room", properties.room())
                    .withDetail("reason", "the SEA roster thread did not answer within 2 s").build();
        } catch (Exception e) {
            return Health.down().withDetail("room", properties.room()).withDetail("reason", e.toString()).build();
        }
    }
}
