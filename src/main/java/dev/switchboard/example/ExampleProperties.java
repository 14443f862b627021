package dev.switchboard.example;

import dev.switchboard.core.config.SupportedTransports;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import dev.switchboard.example.service.QuitAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Configuration of the example protocol ({@code switchboard.example}).
 *
 * @param listeners          the TCP, unix-socket and UDP log-rotate listeners
 * @param maxLineLength      longest accepted TCP line, LF excluded; a longer line closes the connection
 * @param partialLineBudget  memory all example connections together may hold for lines whose LF has not
 *                           arrived yet; a connection whose partial line would pass it is closed
 * @param idleTimeout        a connection that sends nothing for this long is closed (the protocol has no
 *                           goodbye; the permanent client reconnects on its schedule)
 * @param partialLineTimeout a line must be complete (its LF received) this long after its first byte,
 *                           otherwise the connection is closed
 * @param logRotate          how often LOG_ROTATE may reopen the log files and how refused datagrams are logged
 * @param quitAllowedFrom which peers may QUIT: {@code loopback} (loopback TCP and the unix socket),
 *                        {@code any} (as the reference) or {@code none}
 * @param logRotateSecret secret_code LOG_ROTATE must carry; empty means no check (a sent code is then
 *                        accepted with a warning, spec §8)
 */
@ConfigurationProperties("switchboard.example")
@Validated
public record ExampleProperties(
        @DefaultValue @Valid @NotNull Listeners listeners,
        @DefaultValue("16KB") @NotNull DataSize maxLineLength,
        @DefaultValue("16MB") @NotNull DataSize partialLineBudget,
        @DefaultValue("5m") @NotNull Duration idleTimeout,
        @DefaultValue("30s") @NotNull Duration partialLineTimeout,
        @DefaultValue @Valid @NotNull LogRotate logRotate,
        @DefaultValue("loopback") @NotNull QuitAccess quitAllowedFrom,
        @DefaultValue("") @NotNull @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL")
        String logRotateSecret) {

    /** Standard port of the example TCP listener (spec §1). */
    public static final int DEFAULT_TCP_PORT = 3001;
    /** Standard port of the example UDP log-rotate listener (spec §1). */
    public static final int DEFAULT_UDP_PORT = 3002;
    /** Smallest accepted {@link #maxLineLength}: the longest conversation line is 10 bytes. */
    static final long MIN_LINE_LENGTH = 64;
    /** Largest accepted {@link #maxLineLength}: one line must fit a Netty buffer. */
    static final long MAX_LINE_LENGTH = 64L * 1024 * 1024;

    /** Shortest accepted {@link #idleTimeout} and {@link #partialLineTimeout}. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** Longest accepted {@link #idleTimeout} and {@link #partialLineTimeout}. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    @AssertTrue(message = "idle-timeout and partial-line-timeout must be between 1s and 1d")
    public boolean isTimeoutsInRange() {
        return inRange(idleTimeout) && inRange(partialLineTimeout);
    }

    @AssertTrue(message = "partial-line-budget must be at least max-line-length and at most 1GB")
    public boolean isPartialLineBudgetInRange() {
        return partialLineBudget == null || maxLineLength == null
                || (partialLineBudget.toBytes() >= maxLineLength.toBytes()
                && partialLineBudget.toBytes() <= DataSize.ofGigabytes(1).toBytes());
    }

    private static boolean inRange(Duration timeout) {
        return timeout == null || (timeout.compareTo(MIN_TIMEOUT) >= 0 && timeout.compareTo(MAX_TIMEOUT) <= 0);
    }

    @AssertTrue(message = "max-line-length must be between 64B and 64MB")
    public boolean isMaxLineLengthInRange() {
        return maxLineLength == null
                || (maxLineLength.toBytes() >= MIN_LINE_LENGTH && maxLineLength.toBytes() <= MAX_LINE_LENGTH);
    }

    /**
     * Limits of the UDP log-rotate listener, which anyone who can reach it may flood.
     *
     * @param minInterval    at most one reopen of the log files per this interval; requests inside it are
     *                       merged into one reopen at its end, so a file moved meanwhile is still picked up
     * @param refusedLogWindow the first refused datagram (wrong secret, unknown command, garbage) in this
     *                       window is logged; the rest are counted and logged as one line when it ends
     */
    public record LogRotate(
            @DefaultValue("10s") @NotNull Duration minInterval,
            @DefaultValue("10s") @NotNull Duration refusedLogWindow) {

        @AssertTrue(message = "log-rotate.min-interval and log-rotate.refused-log-window must be between 1s and 1h")
        public boolean isInRange() {
            return within(minInterval) && within(refusedLogWindow);
        }

        private static boolean within(Duration d) {
            return d == null || (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0);
        }
    }

    /**
     * The three listeners. Their transports are fixed by the protocol. Defaults that differ from
     * {@link ListenerProperties}' own (host {@code 127.0.0.1} as in the reference, and the unix listener's
     * {@code enabled=false}, {@code path=./data/example.sock}) come from {@code example-defaults.properties}.
     *
     * @param tcp  the message listener; unset port means 3001, unset host 127.0.0.1
     * @param unix the same conversation on a unix-domain socket; disabled unless enabled here
     * @param udp  the log-rotate listener; unset port means 3002, unset host 127.0.0.1
     */
    public record Listeners(
            @DefaultValue @Valid @NotNull @SupportedTransports(Transport.TCP) ListenerProperties tcp,
            @DefaultValue @Valid @NotNull @SupportedTransports(Transport.UNIX) ListenerProperties unix,
            @DefaultValue @Valid @NotNull @SupportedTransports(Transport.UDP) ListenerProperties udp) {
    }
}
