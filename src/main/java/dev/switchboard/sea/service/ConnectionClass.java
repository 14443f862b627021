package dev.switchboard.sea.service;

import java.math.BigInteger;
import java.time.Duration;

/**
 * One connection class of spec §12.3: the admission parameters for clients whose address lies in a block.
 *
 * <p>The reference writes a class as {@code address[/prefix]:login_timeout:max_conns:max_penalty}, e.g.
 * {@code 192.168.0.0/24:7:2:180}; {@link #parse(String)} reads that form and {@link #toString()} writes it.
 * Values outside the bounds are clamped silently, as in the reference (§12.3):
 * <ul>
 *   <li>{@code loginTimeout}: whole seconds (fractions are dropped), 1 s … 86 400 s (reference default
 *       {@value #DEFAULT_LOGIN_TIMEOUT_SECONDS} s);</li>
 *   <li>{@code maxConnections}: ≥ 1, no upper bound ({@link #UNLIMITED} = no limit, the default) — the
 *       most <em>logged-in</em> sessions allowed from one single IP address, checked at accept;</li>
 *   <li>{@code maxPenalty}: whole seconds (fractions are dropped), ≥ 10 s (reference default
 *       {@value FloodMeter#MIN_MAX_PENALTY_SECONDS} s), see §11.</li>
 * </ul>
 * Unlike the reference, a block written with host bits set is normalised ({@link Ipv4Cidr}) instead of
 * never matching (§16 F23).
 *
 * <p>Immutable and therefore thread-safe.
 *
 * @param block the addresses this class applies to
 * @param loginTimeout how long a connection may take to log in (§10.1)
 * @param maxConnections the most logged-in sessions per single IP; {@link #UNLIMITED} for no limit
 * @param maxPenalty the flood-control allowance of §11
 */
public record ConnectionClass(Ipv4Cidr block, Duration loginTimeout, int maxConnections, Duration maxPenalty) {

    /** {@code maxConnections} value meaning "no limit" (the default when no class matches). */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Reference login timeout when no class matches (§10.1). */
    public static final int DEFAULT_LOGIN_TIMEOUT_SECONDS = 30;

    /** Shortest login timeout (§12.3). */
    public static final Duration MIN_LOGIN_TIMEOUT = Duration.ofSeconds(1);

    /** Longest login timeout (§12.3). */
    public static final Duration MAX_LOGIN_TIMEOUT = Duration.ofSeconds(86_400);

    /** Smallest {@code maxPenalty} (§11, §12.3). */
    public static final Duration MIN_MAX_PENALTY = Duration.ofSeconds(FloodMeter.MIN_MAX_PENALTY_SECONDS);

    /** The class that applies when none matches: every address, 30 s, unlimited, 10 s (§12.3). */
    public static final ConnectionClass REFERENCE_DEFAULT = new ConnectionClass(Ipv4Cidr.parse("0.0.0.0/0"),
            Duration.ofSeconds(DEFAULT_LOGIN_TIMEOUT_SECONDS), UNLIMITED, MIN_MAX_PENALTY);

    /**
     * Checks for missing values and clamps the others into their bounds.
     *
     * @throws IllegalArgumentException if any of block, loginTimeout or maxPenalty is null
     */
    public ConnectionClass {
        if (block == null || loginTimeout == null || maxPenalty == null) {
            throw new IllegalArgumentException("connection class needs block, loginTimeout and maxPenalty, got "
                    + block + ", " + loginTimeout + ", " + maxPenalty);
        }
        // the reference works in whole seconds; dropping fractions keeps toString() and parse() exact inverses
        loginTimeout = clamp(Duration.ofSeconds(loginTimeout.getSeconds()), MIN_LOGIN_TIMEOUT, MAX_LOGIN_TIMEOUT);
        maxConnections = Math.max(maxConnections, 1);
        maxPenalty = clamp(Duration.ofSeconds(maxPenalty.getSeconds()), MIN_MAX_PENALTY, null);
    }

    /**
     * A class covering every address ({@code 0.0.0.0/0}), for use as the configurable fallback of
     * {@link ConnectionClasses}.
     *
     * @param loginTimeout login timeout, clamped as for any class
     * @param maxConnections logged-in sessions per IP, {@link #UNLIMITED} for none
     * @param maxPenalty flood allowance, clamped as for any class
     * @return the catch-all class
     */
    public static ConnectionClass everyAddress(Duration loginTimeout, int maxConnections, Duration maxPenalty) {
        return new ConnectionClass(REFERENCE_DEFAULT.block(), loginTimeout, maxConnections, maxPenalty);
    }

    /**
     * Parses the reference syntax {@code address[/prefix]:login_timeout:max_conns:max_penalty}; the three
     * numbers are decimal seconds / count / seconds, optionally negative, and are clamped like the record
     * components. A malformed class is a fatal configuration error (§12.3).
     *
     * @param text e.g. {@code 192.168.0.0/24:7:2:180}
     * @return the class with clamped values
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static ConnectionClass parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("connection class must not be empty");
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid connection class '" + text
                    + "': expected address[/prefix]:login_timeout:max_conns:max_penalty");
        }
        Ipv4Cidr block;
        try {
            block = Ipv4Cidr.parse(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid connection class '" + text + "': " + e.getMessage(), e);
        }
        long loginSeconds = number(parts[1], "login_timeout", text);
        long maxConns = number(parts[2], "max_conns", text);
        long penaltySeconds = number(parts[3], "max_penalty", text);
        return new ConnectionClass(block, Duration.ofSeconds(loginSeconds),
                (int) Math.min(maxConns, Integer.MAX_VALUE), Duration.ofSeconds(penaltySeconds));
    }

    /**
     * Whether a new connection is admitted given how many <em>logged-in</em> sessions already use its exact
     * IP address (§12.3): refused when that count is already ≥ {@code maxConnections}.
     *
     * @param loggedInFromSameAddress logged-in sessions with the same IP, not counting the newcomer
     * @return true to accept
     */
    public boolean admits(int loggedInFromSameAddress) {
        return loggedInFromSameAddress < maxConnections;
    }

    /**
     * The flood allowance in whole seconds, as {@link FloodMeter} uses it.
     *
     * @return at least 10
     */
    public int maxPenaltySeconds() {
        return (int) Math.min(maxPenalty.getSeconds(), Integer.MAX_VALUE);
    }

    /**
     * The reference syntax with effective (clamped) values, as listed by the management API (§15 M16);
     * an unlimited class prints {@code max_conns} as {@value #UNLIMITED}.
     *
     * @return e.g. {@code 192.168.0.0/24:7:2:180}
     */
    @Override
    public String toString() {
        return block + ":" + loginTimeout.getSeconds() + ":" + maxConnections + ":" + maxPenalty.getSeconds();
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0) {
            return min;
        }
        if (max != null && value.compareTo(max) > 0) {
            return max;
        }
        return value;
    }

    private static long number(String digits, String field, String whole) {
        if (!digits.matches("-?[0-9]+")) {
            throw new IllegalArgumentException("invalid connection class '" + whole + "': " + field + " '"
                    + digits + "' is not a decimal integer");
        }
        // clamping follows in the constructor; saturate first so absurdly long numbers clamp instead of failing
        BigInteger value = new BigInteger(digits);
        return value.max(BigInteger.valueOf(Integer.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE / 2))
                .longValueExact();
    }
}
