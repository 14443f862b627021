package dev.switchboard.core.timeout;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The timeout facility.
 *
 * @param sweepInterval how often deadlines are checked; a deadline fires at most this late
 */
@Validated
@ConfigurationProperties("switchboard.timeouts")
public record TimeoutProperties(@DefaultValue("250ms") @NotNull Duration sweepInterval) {
}
