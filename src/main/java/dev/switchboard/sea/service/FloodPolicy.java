package dev.switchboard.sea.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The server-wide flood-control parameters of spec §11.3, with the reference's silent clamping.
 *
 * <p>Reference defaults (for {@code switchboard.sea} configuration):
 * <ul>
 *   <li>{@code floodThreshold} = {@value #DEFAULT_FLOOD_THRESHOLD}; values below
 *       {@value #MIN_FLOOD_THRESHOLD} are raised to {@value #MIN_FLOOD_THRESHOLD} (§11.3, reference
 *       option {@code -f});</li>
 *   <li>ban timeout = {@code floodThreshold × 10 s} = 60 s by default, and never below that floor
 *       (§11.3, option {@code -t}); the floor uses the constant 10, not a class's {@code maxPenalty}.
 *       The runtime value lives in {@link BanList#defaultTimeout()}; build the list with
 *       {@link #banTimeoutFloor()};</li>
 *   <li>{@code maxPenalty} is per connection class ({@link ConnectionClass}), 10 s by default;</li>
 *   <li>the throttle pause is exactly {@link #THROTTLE_PAUSE} (2 s; Errata 2: the reference's 1–3 s
 *       jitter is a tick artefact).</li>
 * </ul>
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param floodThreshold the multiple of {@code maxPenalty} at which a flooding session is killed and banned;
 *     already clamped to at least {@value #MIN_FLOOD_THRESHOLD}
 */
public record FloodPolicy(int floodThreshold) {

    /** Reference default flood threshold (§11.3). */
    public static final int DEFAULT_FLOOD_THRESHOLD = 6;

    /** Lowest effective flood threshold; lower configured values are raised to it (§11.3). */
    public static final int MIN_FLOOD_THRESHOLD = 3;

    /** The factor that turns the flood threshold into the ban-timeout floor, in seconds (§11.3). */
    public static final int BAN_TIMEOUT_SECONDS_PER_THRESHOLD_UNIT = 10;

    /** How long a throttled session's next frame waits (§11.2, Errata 2: exactly 2 s). */
    public static final Duration THROTTLE_PAUSE = Duration.ofSeconds(2);

    /** The reference's defaults: threshold 6, hence a 60 s ban-timeout floor. */
    public static final FloodPolicy REFERENCE_DEFAULT = new FloodPolicy(DEFAULT_FLOOD_THRESHOLD);

    /** Raises a threshold below {@value #MIN_FLOOD_THRESHOLD} to {@value #MIN_FLOOD_THRESHOLD} (§11.3). */
    public FloodPolicy {
        floodThreshold = Math.max(floodThreshold, MIN_FLOOD_THRESHOLD);
    }

    /**
     * The lowest ban timeout allowed and the default one: {@code floodThreshold × 10 s} (§11.3).
     *
     * @return 60 s with the default threshold
     */
    public Duration banTimeoutFloor() {
        return Duration.ofSeconds((long) floodThreshold * BAN_TIMEOUT_SECONDS_PER_THRESHOLD_UNIT);
    }

    /**
     * A new per-session meter for a session accepted at {@code acceptedAt} in the given connection class.
     *
     * @param connectionClass the class that matched the session's address (supplies {@code maxPenalty})
     * @param acceptedAt the accept time, which is the initial {@code lastActivity} (§4.1)
     * @return a fresh meter with {@code penaltyTimer = 0}
     */
    public FloodMeter newMeter(ConnectionClass connectionClass, Instant acceptedAt) {
        return new FloodMeter(this, connectionClass.maxPenaltySeconds(), acceptedAt);
    }
}
