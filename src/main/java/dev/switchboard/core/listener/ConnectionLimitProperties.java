package dev.switchboard.core.listener;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Process-wide rules for the per-listener connection caps ({@code switchboard.connection-limits}).
 *
 * @param descriptorReserve  file descriptors kept free for the management port, log files, the archiver and
 *                           the JVM; at startup the gateway warns when the listeners' caps plus this exceed
 *                           the process's descriptor limit
 * @param refusalLogInterval at most one WARN per listener per interval about refused connections (with the
 *                           count since the last one), so a flood does not flood the log
 */
@Validated
@ConfigurationProperties("switchboard.connection-limits")
public record ConnectionLimitProperties(
        @DefaultValue("1024") @Min(0) int descriptorReserve,
        @DefaultValue("60s") @NotNull Duration refusalLogInterval) {
}
