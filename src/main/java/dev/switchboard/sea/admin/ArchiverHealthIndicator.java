package dev.switchboard.sea.admin;

import dev.switchboard.sea.archiver.ArchiverClient;
import dev.switchboard.sea.archiver.ArchiverStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The archiver side channel in readiness: always reported, DOWN only when the site declared the
 * archiver required ({@code switchboard.sea.archiver.required}) and it is not connected. Liveness never
 * includes it: a restart does not bring an archiver back.
 */
public class ArchiverHealthIndicator implements HealthIndicator {

    private final ArchiverClient archiver;
    private final boolean required;

    public ArchiverHealthIndicator(ArchiverClient archiver, boolean required) {
        this.archiver = archiver;
        this.required = required;
    }

    @Override
    public Health health() {
        ArchiverStatus status = archiver.status();
        Health.Builder builder = required && !status.connected() ? Health.down() : Health.up();
        return builder.withDetail("target", String.valueOf(status.target()))
                .withDetail("state", status.state().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("required", required)
                .withDetail("queued", status.queued())
                .withDetail("dropped", status.dropped())
                .build();
    }
}
