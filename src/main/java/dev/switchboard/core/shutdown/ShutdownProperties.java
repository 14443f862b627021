package dev.switchboard.core.shutdown;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Graceful shutdown of the data plane.
 *
 * @param drainTimeout how long connections get to receive their goodbye and queued writes before they
 *     are closed hard; zero closes them at once. Keep it below
 *     {@code spring.lifecycle.timeout-per-shutdown-phase} and the pod's termination grace period.
 */
@Validated
@ConfigurationProperties("switchboard.shutdown")
public record ShutdownProperties(@DefaultValue("20s") @NotNull Duration drainTimeout) {
}
