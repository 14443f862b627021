package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaBytes;

import java.util.List;

/**
 * The replicated part of the SEA server's state, as a joining node restores it: every session (those logging in,
 * in reservation order, then the roster, most recent login first) and the ID allocator.
 *
 * @param sessions  pending sessions first, then logged-in ones in roster order
 * @param liveIds   the allocator's live IDs, ascending
 * @param cursor    the allocator's cursor (the last ID handed out)
 */
public record SeaRosterState(List<Session> sessions, int[] liveIds, int cursor) {

    /** The state of a cluster nobody has joined yet. */
    public static final SeaRosterState EMPTY = new SeaRosterState(List.of(), new int[0], 0);

    public SeaRosterState {
        sessions = List.copyOf(sessions);
        liveIds = liveIds.clone();
    }

    /**
     * One session.
     *
     * @param loggedIn          false while it is logging in
     * @param address           its IPv4 (4 bytes) or IPv6 (16 bytes) address
     * @param acceptedAtMillis  when its node accepted it
     * @param loggedInAtMillis  when it logged in; 0 while logging in
     */
    public record Session(SeaSessionKey key, int id, boolean loggedIn, byte[] address, int port,
                          long acceptedAtMillis, long loggedInAtMillis, SeaBytes username, SeaBytes compname,
                          int faculty, SeaBytes room, SeaBytes info, byte version, boolean printer, boolean away) {
    }
}
