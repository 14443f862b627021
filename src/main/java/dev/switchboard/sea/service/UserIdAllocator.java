package dev.switchboard.sea.service;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out the 16-bit SEA user IDs of spec §3.
 *
 * <p>Rules: an ID is 1 … 65 534 (0 means "everybody" and 65 535 "the printers group" as destinations) and
 * unique among live sessions. IDs 1000–2000 are never handed out, because some legacy clients associate
 * them with the retired "TCPSender" bridge (§3), which leaves {@link #CAPACITY} IDs. A released ID is
 * <em>not</em> reused immediately: a cursor moves forward past the last ID handed out and skips live IDs,
 * so a freed ID comes back only after the cursor has wrapped around the whole range — a late private
 * message to a departed user therefore almost never reaches a newcomer (§16 F16). When every ID is live,
 * {@link #allocate()} returns empty and the caller closes the new connection (§3).
 *
 * <p>Thread-safe: all methods synchronise on this allocator (accept threads allocate, closing sessions
 * release).
 */
public final class UserIdAllocator {

    /** Lowest assignable ID. */
    public static final int MIN_ID = 1;

    /** Highest assignable ID (65 535 is the printers group). */
    public static final int MAX_ID = 65_534;

    /** First ID of the range kept free for legacy-client reasons (§3). */
    public static final int AVOIDED_FROM = 1000;

    /** Last ID of the range kept free for legacy-client reasons (§3). */
    public static final int AVOIDED_TO = 2000;

    /** How many sessions can hold an ID at once: 65 534 − 1 001. */
    public static final int CAPACITY = MAX_ID - MIN_ID + 1 - (AVOIDED_TO - AVOIDED_FROM + 1);

    /** Set for live IDs and for every ID that is never handed out (0, 1000–2000, 65 535). */
    private final BitSet unavailable = new BitSet(MAX_ID + 2);
    private int cursor;
    private int live;

    /** Creates an allocator with no live IDs; the first {@link #allocate()} returns 1. */
    public UserIdAllocator() {
        unavailable.set(0);
        unavailable.set(AVOIDED_FROM, AVOIDED_TO + 1);
        unavailable.set(MAX_ID + 1);
    }

    /**
     * Whether an ID may ever be handed out by this allocator.
     *
     * @param id any number
     * @return true for 1–999 and 2001–65 534
     */
    public static boolean isAssignable(int id) {
        return id >= MIN_ID && id <= MAX_ID && (id < AVOIDED_FROM || id > AVOIDED_TO);
    }

    /**
     * Reserves the next free ID after the last one handed out, wrapping around.
     *
     * @return the ID, or empty when all {@link #CAPACITY} IDs are live
     */
    public synchronized OptionalInt allocate() {
        if (live == CAPACITY) {
            return OptionalInt.empty();
        }
        int id = unavailable.nextClearBit(cursor + 1);
        if (id > MAX_ID) {
            id = unavailable.nextClearBit(MIN_ID);
        }
        unavailable.set(id);
        live++;
        cursor = id;
        return OptionalInt.of(id);
    }

    /**
     * Reserves a specific ID, e.g. so a conformance test can reproduce the spec's IDs 5, 7, 9 and 11 (§17).
     * The cursor does not move.
     *
     * @param id the wanted ID
     * @return true if it was free and is now live, false if it was already live
     * @throws IllegalArgumentException if the ID is never assignable ({@link #isAssignable(int)})
     */
    public synchronized boolean claim(int id) {
        checkAssignable(id);
        if (unavailable.get(id)) {
            return false;
        }
        unavailable.set(id);
        live++;
        return true;
    }

    /**
     * Frees an ID when its session ends.
     *
     * @param id the session's ID
     * @return true if it was live, false if it was already free (a harmless double release)
     * @throws IllegalArgumentException if the ID is never assignable
     */
    public synchronized boolean release(int id) {
        checkAssignable(id);
        if (!unavailable.get(id)) {
            return false;
        }
        unavailable.clear(id);
        live--;
        return true;
    }

    /**
     * Whether the ID currently belongs to a session.
     *
     * @param id any number
     * @return true if live
     */
    public synchronized boolean isLive(int id) {
        return isAssignable(id) && unavailable.get(id);
    }

    /**
     * The number of live IDs.
     *
     * @return 0 to {@link #CAPACITY}
     */
    public synchronized int liveCount() {
        return live;
    }

    /**
     * The live IDs, ascending: with {@link #cursor()} everything a cluster node needs to continue handing out the
     * same IDs as the others ({@link #restore}).
     */
    public synchronized int[] liveIds() {
        int[] out = new int[live];
        int n = 0;
        for (int id = unavailable.nextSetBit(MIN_ID); id >= 0 && id <= MAX_ID; id = unavailable.nextSetBit(id + 1)) {
            if (isAssignable(id)) {
                out[n++] = id;
            }
        }
        return out;
    }

    /** The last ID handed out (0 before the first). */
    public synchronized int cursor() {
        return cursor;
    }

    /**
     * Replaces the whole state with another node's ({@link #liveIds()}, {@link #cursor()}).
     *
     * @throws IllegalArgumentException for an ID that is never assignable, a repeated ID or a cursor out of range
     */
    public synchronized void restore(int[] liveIds, int newCursor) {
        if (newCursor < 0 || newCursor > MAX_ID) {
            throw new IllegalArgumentException("cursor out of range: " + newCursor);
        }
        BitSet next = new BitSet(MAX_ID + 2);
        for (int id : liveIds) {
            checkAssignable(id);
            if (next.get(id)) {
                throw new IllegalArgumentException("ID " + id + " listed twice");
            }
            next.set(id);
        }
        unavailable.clear();
        unavailable.or(next);
        unavailable.set(0);
        unavailable.set(AVOIDED_FROM, AVOIDED_TO + 1);
        unavailable.set(MAX_ID + 1);
        live = liveIds.length;
        cursor = newCursor;
    }

    private static void checkAssignable(int id) {
        if (!isAssignable(id)) {
            throw new IllegalArgumentException("SEA user ID must be 1-999 or 2001-65534, got " + id);
        }
    }
}
