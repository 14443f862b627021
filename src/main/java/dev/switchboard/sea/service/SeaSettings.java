package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaBytes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The SEA settings an operator may change at run time (§4.3, §15 M6/M7/M13), plus the fixed timer
 * values. Fields are volatile because administrative reads may come from any thread; writes happen on
 * the roster executor.
 */
public final class SeaSettings {

    private volatile boolean strict;
    private volatile SeaBytes archiveUrl;
    private volatile FloodPolicy floodPolicy;
    private volatile int defaultMaxPenaltySeconds;
    private final boolean blacklistBans;
    private final boolean recheckMaxConnectionsAtLogin;
    private final Duration idleTimeout;
    private final Duration legacyIdleTimeout;
    private final Duration idleGrace;
    private final Duration idleKillAfter;
    private final Duration slowConsumerTimeout;

    public SeaSettings(boolean strict, String archiveUrl, FloodPolicy floodPolicy, int defaultMaxPenaltySeconds,
                       boolean blacklistBans, boolean recheckMaxConnectionsAtLogin, Duration idleTimeout,
                       Duration legacyIdleTimeout, Duration idleGrace, Duration idleKillAfter,
                       Duration slowConsumerTimeout) {
        this.strict = strict;
        archiveUrl(archiveUrl);
        this.floodPolicy = Objects.requireNonNull(floodPolicy);
        this.defaultMaxPenaltySeconds = defaultMaxPenaltySeconds;
        this.blacklistBans = blacklistBans;
        this.recheckMaxConnectionsAtLogin = recheckMaxConnectionsAtLogin;
        this.idleTimeout = idleTimeout;
        this.legacyIdleTimeout = legacyIdleTimeout;
        this.idleGrace = idleGrace;
        this.idleKillAfter = idleKillAfter;
        this.slowConsumerTimeout = slowConsumerTimeout;
    }

    /** Reference defaults (Appendix A) with the given archive URL. */
    public static SeaSettings defaults(String archiveUrl) {
        return new SeaSettings(false, archiveUrl, FloodPolicy.REFERENCE_DEFAULT, FloodMeter.MIN_MAX_PENALTY_SECONDS,
                false, false, Duration.ofSeconds(120), Duration.ofSeconds(600), Duration.ofSeconds(20),
                Duration.ofSeconds(120), Duration.ofSeconds(60));
    }

    public boolean strict() {
        return strict;
    }

    public void strict(boolean value) {
        strict = value;
    }

    public SeaBytes archiveUrl() {
        return archiveUrl;
    }

    public String archiveUrlText() {
        return archiveUrl.latin1();
    }

    /**
     * Sets the LINK URL (§6.9).
     *
     * @throws IllegalArgumentException above 255 bytes, which would desynchronise clients (F32)
     */
    public void archiveUrl(String url) {
        byte[] bytes = Objects.requireNonNull(url, "url").getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("archive URL is " + bytes.length + " bytes; the limit is 255 (§6.9)");
        }
        archiveUrl = SeaBytes.adopt(bytes);
    }

    public FloodPolicy floodPolicy() {
        return floodPolicy;
    }

    /** New sessions use the new threshold; running sessions keep the one they were accepted with. */
    public void floodPolicy(FloodPolicy policy) {
        floodPolicy = Objects.requireNonNull(policy);
    }

    public int defaultMaxPenaltySeconds() {
        return defaultMaxPenaltySeconds;
    }

    /** Max penalty for addresses no connection class matches; clamped to at least 10 s (§11.3). */
    public void defaultMaxPenaltySeconds(int seconds) {
        defaultMaxPenaltySeconds = Math.max(seconds, FloodMeter.MIN_MAX_PENALTY_SECONDS);
    }

    public boolean blacklistBans() {
        return blacklistBans;
    }

    public boolean recheckMaxConnectionsAtLogin() {
        return recheckMaxConnectionsAtLogin;
    }

    /** Idle base for a session of {@code version} (§10.2): 120 s from version 98, else 600 s. */
    public Duration idleBase(boolean shortIdle) {
        return shortIdle ? idleTimeout : legacyIdleTimeout;
    }

    public Duration idleGrace() {
        return idleGrace;
    }

    public Duration idleKillAfter() {
        return idleKillAfter;
    }

    public Duration slowConsumerTimeout() {
        return slowConsumerTimeout;
    }
}
