package dev.switchboard.core.budget;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The process-wide budget for large inbound input still being received ({@code switchboard.input-budget}):
 * a protocol reserves a large frame's declared size before it buffers the frame, so the memory that
 * partially received frames can pin is bounded no matter how many peers send them.
 *
 * <p>The defaults fit the chart's default container (768 MiB with 192 MiB of direct memory) with room for
 * output queues: see {@code src/docs/deploy.md} for the arithmetic.
 *
 * @param total             bytes all large frames in flight may reserve together
 * @param perAddress        bytes the large frames in flight from one remote address may reserve; the default
 *                          holds two maximal SEA frames (2 × 16 MiB − 2)
 * @param largeInputThreshold frames announcing fewer bytes than this are not reserved (they are bounded by
 *                          the connection caps instead)
 * @param refusalLogInterval at most one WARN per interval about refused frames, with the count refused since
 *                          the last one (a sender that reconnects and is refused again must not flood the log);
 *                          zero logs every refusal
 * @param refusalCooldown   after a frame from an address is refused, how long new connections from that address
 *                          are closed on arrival (a refused sender that reconnects and retries at once would
 *                          otherwise cost everyone a login and a logout broadcast per round); zero turns it off
 */
@Validated
@ConfigurationProperties("switchboard.input-budget")
public record InputBudgetProperties(
        @DefaultValue("48MB") @NotNull DataSize total,
        @DefaultValue("32MB") @NotNull DataSize perAddress,
        @DefaultValue("4KB") @NotNull DataSize largeInputThreshold,
        @DefaultValue("60s") @NotNull Duration refusalLogInterval,
        @DefaultValue("30s") @NotNull Duration refusalCooldown) {

    @AssertTrue(message = "input-budget: need 1 byte <= large-input-threshold <= per-address <= total")
    public boolean isOrdered() {
        return total != null && perAddress != null && largeInputThreshold != null
                && largeInputThreshold.toBytes() >= 1
                && largeInputThreshold.toBytes() <= perAddress.toBytes()
                && perAddress.toBytes() <= total.toBytes();
    }

    @AssertTrue(message = "input-budget: refusal-log-interval must not be negative")
    public boolean isRefusalLogIntervalValid() {
        return refusalLogInterval != null && !refusalLogInterval.isNegative();
    }

    @AssertTrue(message = "input-budget: refusal-cooldown must be between 0 and 1h")
    public boolean isRefusalCooldownValid() {
        return refusalCooldown != null && !refusalCooldown.isNegative()
                && refusalCooldown.compareTo(Duration.ofHours(1)) <= 0;
    }
}
