package dev.switchboard.sea.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One session's flood-control state and the exact penalty arithmetic of spec §11.
 *
 * <p>All times are whole Unix seconds taken from the {@code Instant now} the caller passes in (the server's
 * injected clock); nothing here reads a wall clock. Per received post-login command, call
 * {@link #charge(int, int, Instant)} (or {@link #chargeMessage(int, int, Instant)} for #2) <em>before</em>
 * validating and executing it, then {@link #decide(Instant)} <em>after</em> executing it (§5.1, §11.2):
 * the command that crosses a threshold is still executed in full.
 *
 * <p>Arithmetic (§11.1):
 * <pre>
 * lastActivity = now
 * if penaltyTimer &lt; now: penaltyTimer = now                 // the penalty decays with real time
 * penaltyTimer += (L &gt; 256 ? ceil(log2(L)) − 7 : 1)          // base, see {@link #basePenalty(int)}
 * penaltyTimer += extra(cmd)  // +1 for #4 #5 #7 #8 #14; +8 for #2 with msglen &gt; 0; else 0
 * ahead = penaltyTimer − lastActivity
 * ahead ≤ maxPenalty → CONTINUE; ahead ≥ maxPenalty × floodThreshold → KILL_AND_BAN; else THROTTLE
 * </pre>
 * A repeated #1 LOGIN is exempt: it changes neither the penalty nor {@code lastActivity} (§5.2, §11.1).
 *
 * <p>Threading: not thread-safe for writers; a meter is confined to its session's event loop (or the
 * serialising protocol executor). The fields are volatile so that administrative dumps (§15 M11) read
 * current values from other threads.
 */
public final class FloodMeter {

    /** Command code of LOGIN, the one command flood control never charges (§11.1). */
    public static final int LOGIN = 1;

    /** Command code of SEND_MESSAGE, whose extra penalty depends on {@code msglen}. */
    public static final int SEND_MESSAGE = 2;

    /** The lowest {@code maxPenalty} a session can have (§11, §12.3). */
    public static final int MIN_MAX_PENALTY_SECONDS = 10;

    /** Largest frame length {@code L} the 3-byte length field can express (§2.2). */
    public static final int MAX_FRAME_LENGTH = 0xFF_FFFF;

    private static final int MESSAGE_EXTRA_PENALTY = 8;

    private final FloodPolicy policy;
    private final int maxPenaltySeconds;
    private volatile long penaltyTimer;
    private volatile long lastActivity;
    private volatile Instant resumeAt;

    /**
     * Creates the state of a freshly accepted session: {@code penaltyTimer = 0},
     * {@code lastActivity = acceptedAt} (§4.1).
     *
     * @param policy the server-wide threshold
     * @param maxPenaltySeconds the session's {@code maxPenalty} from its connection class, at least 10
     * @param acceptedAt when the connection was accepted
     * @throws IllegalArgumentException if {@code maxPenaltySeconds < 10} (use {@link ConnectionClass},
     *     which clamps)
     */
    public FloodMeter(FloodPolicy policy, int maxPenaltySeconds, Instant acceptedAt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxPenaltySeconds < MIN_MAX_PENALTY_SECONDS) {
            throw new IllegalArgumentException("maxPenalty must be at least " + MIN_MAX_PENALTY_SECONDS
                    + " s (spec §11), got " + maxPenaltySeconds);
        }
        this.maxPenaltySeconds = maxPenaltySeconds;
        this.lastActivity = seconds(acceptedAt, "acceptedAt");
    }

    /**
     * The length-dependent part of every charge (§11.1 table): 1 s up to {@code L = 256}, then
     * {@code ceil(log2(L)) − 7} (257–512 → 2, …, 65 537–131 072 → 10, up to 17 for 16 MiB − 1).
     *
     * @param frameLength the frame's {@code L}, 1 to {@value #MAX_FRAME_LENGTH}
     * @return the base penalty in seconds
     * @throws IllegalArgumentException for {@code L} outside 1 to 16 777 215 ({@code L = 0} is a format error
     *     that kills the session before anything is charged)
     */
    public static int basePenalty(int frameLength) {
        checkFrameLength(frameLength);
        if (frameLength <= 256) {
            return 1;
        }
        int ceilLog2 = Integer.SIZE - Integer.numberOfLeadingZeros(frameLength - 1);
        return ceilLog2 - 7;
    }

    /**
     * The command-dependent part of a charge (§5.0 "Penalty" column): +1 for #4, #5, #7, #8 and #14;
     * +8 for #2 with a non-empty text; 0 for every other code, unknown ones included.
     *
     * @param command the command byte, 0 to 255
     * @param messageLength {@code msglen} of a #2 frame; ignored for other commands
     * @return the extra penalty in seconds
     * @throws IllegalArgumentException if the command is not a byte value or {@code msglen} is not 0–65535
     */
    public static int extraPenalty(int command, int messageLength) {
        checkCommand(command);
        if (messageLength < 0 || messageLength > 0xFFFF) {
            throw new IllegalArgumentException("msglen must be 0-65535, got " + messageLength);
        }
        return switch (command) {
            case SEND_MESSAGE -> messageLength > 0 ? MESSAGE_EXTRA_PENALTY : 0;
            case 4, 5, 7, 8, 14 -> 1;
            default -> 0;
        };
    }

    /**
     * Whether a post-login command is charged at all: everything except a repeated #1 (§11.1).
     *
     * @param command the command byte, 0 to 255
     * @return false only for LOGIN
     */
    public static boolean isCharged(int command) {
        checkCommand(command);
        return command != LOGIN;
    }

    /**
     * Charges a received post-login command other than #2 and records the activity (§11.1). A repeated
     * #1 is exempt: nothing changes and {@code false} is returned.
     *
     * @param command the command byte, 0 to 255 (unknown codes cost the base penalty, §5.13)
     * @param frameLength the frame's {@code L}
     * @param now the server clock when the command is taken up
     * @return whether the command was charged
     * @throws IllegalArgumentException for #2 (use {@link #chargeMessage}), a command outside 0–255 or a bad
     *     {@code L}
     */
    public boolean charge(int command, int frameLength, Instant now) {
        checkCommand(command);
        if (command == SEND_MESSAGE) {
            throw new IllegalArgumentException("SEND_MESSAGE (#2) costs depend on msglen: use chargeMessage");
        }
        if (!isCharged(command)) {
            return false;
        }
        apply(basePenalty(frameLength) + extraPenalty(command, 0), now);
        return true;
    }

    /**
     * Charges a received #2 SEND_MESSAGE: the base penalty, plus 8 s unless {@code msglen = 0} (§5.3 step 5,
     * TV-19 j).
     *
     * @param frameLength the frame's {@code L}
     * @param messageLength the frame's {@code msglen}, 0 to 65535
     * @param now the server clock when the command is taken up
     * @throws IllegalArgumentException for a bad {@code L} or {@code msglen}
     */
    public void chargeMessage(int frameLength, int messageLength, Instant now) {
        apply(basePenalty(frameLength) + extraPenalty(SEND_MESSAGE, messageLength), now);
    }

    /**
     * The decision after the last charged command has been executed (§11.2). {@link FloodDecision#THROTTLE}
     * also records that the session may be read again at {@code now + 2 s} ({@link #resumeAt()}).
     *
     * @param now the server clock after execution; only used to compute the resume time
     * @return continue, throttle, or kill and ban
     */
    public FloodDecision decide(Instant now) {
        Objects.requireNonNull(now, "now");
        long ahead = ahead();
        if (ahead <= maxPenaltySeconds) {
            resumeAt = null;
            return FloodDecision.CONTINUE;
        }
        if (ahead >= (long) maxPenaltySeconds * policy.floodThreshold()) {
            resumeAt = null;
            return FloodDecision.KILL_AND_BAN;
        }
        resumeAt = now.plus(FloodPolicy.THROTTLE_PAUSE);
        return FloodDecision.THROTTLE;
    }

    /**
     * {@code penaltyTimer − lastActivity}: how many seconds of penalty the session is ahead of the clock.
     *
     * @return seconds; negative or zero for a session that has not been charged since it was accepted
     */
    public long ahead() {
        return penaltyTimer - lastActivity;
    }

    /**
     * Whether a throttle pause decided by {@link #decide(Instant)} is still running.
     *
     * @param now the server clock
     * @return true while {@code now} is before the resume time
     */
    public boolean isThrottled(Instant now) {
        Instant until = resumeAt;
        return until != null && now.isBefore(until);
    }

    /**
     * When the running or last throttle pause ends.
     *
     * @return the resume time of the last THROTTLE decision, empty once a later decision was not THROTTLE
     */
    public Optional<Instant> resumeAt() {
        return Optional.ofNullable(resumeAt);
    }

    /**
     * The penalty timer in Unix seconds (0 until the first charge), as printed in dumps (§13.6, TV-21).
     *
     * @return the penalty timer
     */
    public long penaltyTimer() {
        return penaltyTimer;
    }

    /**
     * The last charged command's time in Unix seconds, or the accept time before any (§4.1); the idle
     * timeout (§10.2) measures from it.
     *
     * @return the last activity
     */
    public long lastActivity() {
        return lastActivity;
    }

    /**
     * The session's {@code maxPenalty}.
     *
     * @return seconds, at least 10
     */
    public int maxPenaltySeconds() {
        return maxPenaltySeconds;
    }

    /**
     * The server-wide parameters this meter decides with.
     *
     * @return the policy
     */
    public FloodPolicy policy() {
        return policy;
    }

    private void apply(int penalty, Instant now) {
        long nowSeconds = seconds(now, "now");
        lastActivity = nowSeconds;
        long timer = Math.max(penaltyTimer, nowSeconds);
        penaltyTimer = timer + penalty;
    }

    private static long seconds(Instant instant, String name) {
        // the reference's clock is whole Unix seconds (§0 "now"); getEpochSecond floors
        return Objects.requireNonNull(instant, name).getEpochSecond();
    }

    private static void checkCommand(int command) {
        if (command < 0 || command > 255) {
            throw new IllegalArgumentException("command code must be 0-255, got " + command);
        }
    }

    private static void checkFrameLength(int frameLength) {
        if (frameLength < 1 || frameLength > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame length L must be 1-" + MAX_FRAME_LENGTH + ", got "
                    + frameLength);
        }
    }
}
