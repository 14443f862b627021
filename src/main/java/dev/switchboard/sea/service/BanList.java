package dev.switchboard.sea.service;

import java.net.InetAddress;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SEA ban list of spec §12.1: address blocks whose connections are closed at accept.
 *
 * <p>Semantics, as in the reference unless noted:
 * <ul>
 *   <li>Matching: an address is banned when an entry's block contains it and {@code now < expiry}.</li>
 *   <li>Adding a ban for a block (same network and prefix) that has an <em>active</em> entry only resets that
 *       entry's expiry to {@code now + timeout} — longer or shorter, and a permanent entry becomes a timed
 *       one — and keeps its place in the list. Otherwise the entry is added at the head (newest first). An
 *       expired entry that the 1 s tick has not purged yet is replaced by the new one.</li>
 *   <li>Removing (unban) takes the entry with exactly that block, anywhere in the list; removing a block
 *       that is not banned is a silent no-op (IMPROVE over the reference's first-covering-entry search,
 *       §16 F24).</li>
 *   <li>{@link #expire(Instant)} drops entries with {@code now ≥ expiry}; the server calls it every second.</li>
 *   <li>Blocks with host bits set are normalised by {@link Ipv4Cidr} (§16 F23).</li>
 * </ul>
 *
 * <p>The default ban timeout (used by flood kills and administrative kills) is {@code floodThreshold × 10 s}
 * = 60 s in the reference and can never be set below that floor (§11.3, §15 M6): see
 * {@link FloodPolicy#banTimeoutFloor()}. Startup bans ({@code -k}) are permanent.
 *
 * <p>Thread-safe: every method locks one private monitor, so accept threads, the protocol executor and
 * administrative operations may call it concurrently; {@link #list()} returns an immutable snapshot.
 */
public final class BanList {

    private final Object lock = new Object();
    /** Oldest first (insertion order); {@link #list()} reverses it to the reference's head-first order. */
    private final Map<Ipv4Cidr, BanEntry> entries = new LinkedHashMap<>();
    private final Duration minimumTimeout;
    private Duration defaultTimeout;

    /**
     * Creates an empty list.
     *
     * @param defaultTimeout the configured ban timeout; raised to {@code minimumTimeout} if lower
     * @param minimumTimeout the floor for the default timeout, {@link FloodPolicy#banTimeoutFloor()}
     * @throws IllegalArgumentException if a duration is null or {@code minimumTimeout} is not positive
     */
    public BanList(Duration defaultTimeout, Duration minimumTimeout) {
        if (minimumTimeout == null || minimumTimeout.isNegative() || minimumTimeout.isZero()) {
            throw new IllegalArgumentException("minimum ban timeout must be positive, got " + minimumTimeout);
        }
        this.minimumTimeout = minimumTimeout;
        this.defaultTimeout = clampDefault(defaultTimeout);
    }

    /**
     * An empty list whose default timeout floor follows the flood policy (§11.3).
     *
     * @param policy the flood policy (threshold × 10 s is the floor)
     * @param configuredTimeout the configured ban timeout; {@code null} means the floor itself
     * @return the list
     */
    public static BanList forPolicy(FloodPolicy policy, Duration configuredTimeout) {
        Duration floor = policy.banTimeoutFloor();
        return new BanList(configuredTimeout == null ? floor : configuredTimeout, floor);
    }

    /**
     * The ban timeout used by {@link #add(Ipv4Cidr, Instant)}.
     *
     * @return the current default timeout
     */
    public Duration defaultTimeout() {
        synchronized (lock) {
            return defaultTimeout;
        }
    }

    /**
     * Sets the default ban timeout, raising it to the floor if lower (§15 M6, reference USR2 with a number).
     * Existing entries keep their expiry.
     *
     * @param timeout the requested timeout
     * @return the effective timeout after clamping
     * @throws IllegalArgumentException if the timeout is null
     */
    public Duration setDefaultTimeout(Duration timeout) {
        Duration effective = clampDefault(timeout);
        synchronized (lock) {
            defaultTimeout = effective;
            return effective;
        }
    }

    /**
     * Bans a block for the default timeout (flood kill §11.2, administrative kill §14.2).
     *
     * @param block the address or block
     * @param now the server clock
     * @return the resulting entry (new, or the existing one with its expiry reset)
     */
    public BanEntry add(Ipv4Cidr block, Instant now) {
        synchronized (lock) {
            return add(block, defaultTimeout, now);
        }
    }

    /**
     * Bans a block for an explicit timeout (§15 M1/M4 with a duration). The timeout is not clamped.
     *
     * @param block the address or block
     * @param timeout how long the ban lasts, positive
     * @param now the server clock
     * @return the resulting entry (new, or the existing one with its expiry reset)
     * @throws IllegalArgumentException if the block is null, or the timeout is null, not positive or so large
     *     that the expiry is not representable
     */
    public BanEntry add(Ipv4Cidr block, Duration timeout, Instant now) {
        Objects.requireNonNull(now, "now");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ban timeout must be positive, got " + timeout);
        }
        Instant expiry;
        try {
            expiry = now.plus(timeout);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("ban timeout " + timeout + " is too large; ban permanently instead",
                    e);
        }
        return put(new BanEntry(block, expiry), now);
    }

    /**
     * Bans a block permanently (startup list, §15 M4 "permanent").
     *
     * @param block the address or block
     * @param now the server clock, used to tell whether an existing entry is still active
     * @return the resulting entry
     * @throws IllegalArgumentException if the block is null
     */
    public BanEntry addPermanent(Ipv4Cidr block, Instant now) {
        Objects.requireNonNull(now, "now");
        return put(new BanEntry(block, null), now);
    }

    /**
     * Unbans exactly this block (same network and prefix), wherever it is in the list (§12.1, §15 M2).
     *
     * @param block the block to unban
     * @return the removed entry, or empty if there was none (a silent success)
     * @throws IllegalArgumentException if the block is null
     */
    public Optional<BanEntry> remove(Ipv4Cidr block) {
        if (block == null) {
            throw new IllegalArgumentException("block to unban must not be null");
        }
        synchronized (lock) {
            return Optional.ofNullable(entries.remove(block));
        }
    }

    /**
     * Whether a connection from this address must be closed at accept (§12.1).
     *
     * @param address the client's address
     * @param now the server clock
     * @return true if an active entry covers the address
     */
    public boolean isBanned(InetAddress address, Instant now) {
        return findBan(address, now).isPresent();
    }

    /**
     * The newest active entry covering the address, for logging why a connection was refused.
     *
     * @param address the client's address
     * @param now the server clock
     * @return the entry, or empty when the address is not banned
     */
    public Optional<BanEntry> findBan(InetAddress address, Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            BanEntry found = null;
            // insertion order is oldest first; keep the last hit so the newest entry is reported
            for (BanEntry entry : entries.values()) {
                if (entry.bans(address, now)) {
                    found = entry;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /**
     * Removes every entry with {@code now ≥ expiry} (the reference's 1 s tick, §10, §12.1).
     *
     * @param now the server clock
     * @return the removed entries, newest first (empty if none)
     */
    public List<BanEntry> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        List<BanEntry> removed = new ArrayList<>();
        synchronized (lock) {
            for (Iterator<BanEntry> it = entries.values().iterator(); it.hasNext(); ) {
                BanEntry entry = it.next();
                if (!entry.isActiveAt(now)) {
                    it.remove();
                    removed.add(entry);
                }
            }
        }
        Collections.reverse(removed);
        return List.copyOf(removed);
    }

    /**
     * A snapshot of all entries, newest first (the reference's list order), including expired entries not
     * yet purged by {@link #expire(Instant)}.
     *
     * @return an immutable list
     */
    public List<BanEntry> list() {
        List<BanEntry> snapshot;
        synchronized (lock) {
            snapshot = new ArrayList<>(entries.values());
        }
        Collections.reverse(snapshot);
        return List.copyOf(snapshot);
    }

    /**
     * The number of entries, expired-but-unpurged ones included.
     *
     * @return the size
     */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    private BanEntry put(BanEntry entry, Instant now) {
        synchronized (lock) {
            BanEntry existing = entries.get(entry.block());
            if (existing != null && !existing.isActiveAt(now)) {
                // a stale entry is not "an active entry": the new ban goes to the head like a fresh one
                entries.remove(entry.block());
            }
            // LinkedHashMap keeps the position of a replaced key, which is the reference's reset-in-place
            entries.put(entry.block(), entry);
            return entry;
        }
    }

    private Duration clampDefault(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("default ban timeout must not be null");
        }
        return timeout.compareTo(minimumTimeout) < 0 ? minimumTimeout : timeout;
    }
}
