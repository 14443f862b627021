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

/**
 * Configuration of the example protocol ({@code switchboard.example}).
 *
 * @param listeners       the TCP, unix-socket and UDP log-rotate listeners
 * @param maxLineLength   longest accepted TCP line, LF excluded; a longer line closes the connection
 * @param quitAllowedFrom which peers may QUIT: {@code loopback} (loopback TCP and the unix socket),
 *                        {@code any} (as the reference) or {@code none}
 * @param logRotateSecret secret_code LOG_ROTATE must carry; empty means no check (a sent code is then
 *                        accepted with a warning, spec §8)
 */
@ConfigurationProperties("switchboard.example")
@Validated
public record ExampleProperties(
        @DefaultValue @Valid @NotNull Listeners listeners,
        @DefaultValue("1MB") @NotNull DataSize maxLineLength,
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

    @AssertTrue(message = "max-line-length must be between 64B and 64MB")
    public boolean isMaxLineLengthInRange() {
        return maxLineLength == null
                || (maxLineLength.toBytes() >= MIN_LINE_LENGTH && maxLineLength.toBytes() <= MAX_LINE_LENGTH);
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
