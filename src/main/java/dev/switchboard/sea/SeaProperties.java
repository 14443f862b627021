package dev.switchboard.sea;

import dev.switchboard.core.config.SupportedTransports;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.core.listener.Transport;
import dev.switchboard.sea.service.NameBlacklist;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the SEA legacy listener ({@code switchboard.sea}); the defaults are the reference
 * daemon's (spec Appendix A, §14.3).
 *
 * @param listener               where to bind; an unset port means 8732
 * @param strict                 false = normal mode (trailing bytes ignored), true = strict mode (§5.1)
 * @param loginTimeout           login deadline for addresses no connection class matches (§10.1)
 * @param idleTimeout            idle base for sessions with version 98 or later (§10.2)
 * @param legacyIdleTimeout      idle base for older sessions and those that never sent #4 (§10.2)
 * @param idleGrace              grace added to the idle base before the forced PONG (two sweeps, §10.2)
 * @param idleKillAfter          how long after the forced PONG an idle session is killed (§10.2)
 * @param maxLoginFrameLength    largest frame accepted before login; a valid LOGIN is at most 513 bytes (F18)
 * @param maxFrameLength         largest frame accepted after login; at most and by default 16 MiB − 1 (§2.4)
 * @param legacyMaxFrameLength   largest frame accepted from sessions below version 102; the reference's
 *                               16 MiB − 1 unless lowered (F18)
 * @param floodThreshold         multiple of the max penalty at which a flooder is banned and killed (§11.3)
 * @param banTimeout             ban length for flood and administrative kills; values below threshold × 10 s
 *                               are raised to it, as in the reference (§11.3)
 * @param maxPenalty             flood allowance for addresses no connection class matches; at least 10 s
 * @param blacklistCaseFolding   {@code ASCII} (reference, C locale) or {@code WINDOWS_1251} (F36)
 * @param bans                   permanent bans at startup, {@code a.b.c.d} or {@code a.b.c.d/n}; empty = none
 * @param blacklist              name glob patterns killed at login and rename; empty = none (§12.2)
 * @param blacklistBans          also ban the address when a name matches the blacklist (F28); false = kill only
 * @param connectionClasses      {@code addr[/n]:login_timeout:max_conns:max_penalty}, first match wins (§12.3)
 * @param recheckMaxConnectionsAtLogin also enforce {@code max_conns} at login, not only at accept (F26)
 * @param archiveUrl             the URL sent in LINK replies (§6.9), at most 255 bytes; empty sends {@code 09 00}
 * @param slowConsumerMaxPending queued output above which a recipient is killed as a slow consumer (F17); the
 *                               default holds two maximal v102 messages (2 × 16 MiB) plus 8 MiB of other traffic
 * @param largeFrameTimeout      how long a frame large enough to hold an input-budget reservation may take to
 *                               arrive in full; the session is killed after that (the default allows 16 MiB
 *                               at about 1.1 Mbit/s)
 * @param rosterStallTimeout     the {@code sea} health is DOWN when the roster thread has not run a probe for this long
 * @param rosterBacklogLimit     the {@code sea} health is DOWN while more events than this wait for the roster thread
 * @param slowConsumerTimeout    how long a recipient may stay unwritable before it is killed (F17)
 * @param ioThreads              event loops that read, frame and parse SEA connections and write to them;
 *                               with one (the default) the service applies requests of different connections
 *                               in the order they arrived, as the reference does; more spread that work over
 *                               cores but lose that cross-connection order (src/docs/sea.md)
 */
@Validated
@ConfigurationProperties("switchboard.sea")
public record SeaProperties(
        @DefaultValue @Valid @NotNull @SupportedTransports({Transport.TCP, Transport.UNIX}) ListenerProperties listener,
        @DefaultValue("false") boolean strict,
        @DefaultValue("30s") @NotNull Duration loginTimeout,
        @DefaultValue("120s") @NotNull Duration idleTimeout,
        @DefaultValue("600s") @NotNull Duration legacyIdleTimeout,
        @DefaultValue("20s") @NotNull Duration idleGrace,
        @DefaultValue("120s") @NotNull Duration idleKillAfter,
        @DefaultValue("64KB") @NotNull DataSize maxLoginFrameLength,
        @DefaultValue("16777215B") @NotNull DataSize maxFrameLength,
        @DefaultValue("16777215B") @NotNull DataSize legacyMaxFrameLength,
        @DefaultValue("6") @Min(3) int floodThreshold,
        @DefaultValue("60s") @NotNull Duration banTimeout,
        @DefaultValue("10s") @NotNull Duration maxPenalty,
        @DefaultValue("ASCII") @NotNull NameBlacklist.CaseFolding blacklistCaseFolding,
        @DefaultValue List<String> bans,
        @DefaultValue List<String> blacklist,
        @DefaultValue("false") boolean blacklistBans,
        @DefaultValue List<String> connectionClasses,
        @DefaultValue("false") boolean recheckMaxConnectionsAtLogin,
        @DefaultValue("") @NotNull String archiveUrl,
        @DefaultValue("40MB") @NotNull DataSize slowConsumerMaxPending,
        @DefaultValue("60s") @NotNull Duration slowConsumerTimeout,
        @DefaultValue("120s") @NotNull Duration largeFrameTimeout,
        @DefaultValue("10s") @NotNull Duration rosterStallTimeout,
        @DefaultValue("100000") @Min(1) int rosterBacklogLimit,
        @DefaultValue("1") @Min(1) @Max(64) int ioThreads) {

    /** The standard SEA port (§2.1). */
    public static final int STANDARD_PORT = 8732;
    private static final long MAX_FRAME = 0xFFFFFF;

    public SeaProperties {
        bans = List.copyOf(bans);
        blacklist = List.copyOf(blacklist);
        connectionClasses = List.copyOf(connectionClasses);
    }

    /** The listener with the standard port applied. */
    public ListenerProperties effectiveListener() {
        return listener.withDefaultPort(STANDARD_PORT);
    }

    @AssertTrue(message = "max-login-frame-length must be between 513 bytes and 16 MiB - 1")
    public boolean isLoginFrameLimitValid() {
        return maxLoginFrameLength.toBytes() >= 513 && maxLoginFrameLength.toBytes() <= MAX_FRAME;
    }

    @AssertTrue(message = "max-frame-length must be between 65542 bytes and 16 MiB - 1 (16777215B)")
    public boolean isFrameLimitValid() {
        return maxFrameLength.toBytes() >= 65542 && maxFrameLength.toBytes() <= MAX_FRAME;
    }

    @AssertTrue(message = "legacy-max-frame-length must be between 65542 bytes and max-frame-length")
    public boolean isLegacyFrameLimitValid() {
        return legacyMaxFrameLength.toBytes() >= 65542 && legacyMaxFrameLength.toBytes() <= maxFrameLength.toBytes();
    }

    @AssertTrue(message = "max-penalty must be at least 10s (§11.3)")
    public boolean isMaxPenaltyValid() {
        return maxPenalty != null && maxPenalty.getSeconds() >= 10;
    }

    @AssertTrue(message = "archive-url must be at most 255 bytes (§6.9)")
    public boolean isArchiveUrlValid() {
        return archiveUrl == null || archiveUrl.getBytes(StandardCharsets.ISO_8859_1).length <= 255;
    }

    @AssertTrue(message = "timeouts must be positive")
    public boolean isTimeoutsPositive() {
        return positive(loginTimeout) && positive(idleTimeout) && positive(legacyIdleTimeout) && positive(idleKillAfter)
                && idleGrace != null && !idleGrace.isNegative() && positive(slowConsumerTimeout)
                && positive(largeFrameTimeout) && positive(rosterStallTimeout);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
