package dev.switchboard.console;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The live operator console on the management port ({@code /console/}).
 *
 * @param enabled false serves neither the page nor its WebSocket
 * @param maxConsoles open console sockets at once; one more is refused (HTTP 503, or close 1013)
 * @param snapshotInterval how often every open console gets a fresh snapshot (200ms..1m)
 * @param sendBufferLimit snapshot bytes queued to one console that does not read before it is dropped
 *     (16KB..16MB)
 * @param sendTimeLimit how long one send to a console may block before the console is dropped (1s..5m)
 * @param sessionRows sessions per page of the console's sessions table
 * @param listRows bans, blacklist patterns and rooms shown at most (the total is always shown)
 * @param auditLines recent audit lines kept in memory and shown
 * @param allowedOrigins extra browser origins allowed to open the console socket besides the management
 *     server's own (e.g. {@code https://ops.example.com} behind a TLS-terminating proxy); empty = same
 *     origin only
 */
@Validated
@ConfigurationProperties("switchboard.console")
public record ConsoleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) @Max(64) int maxConsoles,
        @DefaultValue("1s") @NotNull Duration snapshotInterval,
        @DefaultValue("1MB") @NotNull DataSize sendBufferLimit,
        @DefaultValue("10s") @NotNull Duration sendTimeLimit,
        @DefaultValue("50") @Min(1) @Max(500) int sessionRows,
        @DefaultValue("200") @Min(1) @Max(5000) int listRows,
        @DefaultValue("100") @Min(1) @Max(10000) int auditLines,
        @DefaultValue @NotNull List<String> allowedOrigins) {

    @AssertTrue(message = "snapshot-interval must be between 200ms and 1m")
    boolean isSnapshotIntervalValid() {
        return snapshotInterval == null || (snapshotInterval.toMillis() >= 200 && snapshotInterval.toSeconds() <= 60);
    }

    @AssertTrue(message = "send-buffer-limit must be between 16KB and 16MB")
    boolean isSendBufferLimitValid() {
        return sendBufferLimit == null || (sendBufferLimit.toBytes() >= DataSize.ofKilobytes(16).toBytes()
                && sendBufferLimit.toBytes() <= DataSize.ofMegabytes(16).toBytes());
    }

    @AssertTrue(message = "send-time-limit must be between 1s and 5m")
    boolean isSendTimeLimitValid() {
        return sendTimeLimit == null || (sendTimeLimit.toSeconds() >= 1 && sendTimeLimit.toMinutes() <= 5);
    }
}
