package dev.switchboard.rooms.service;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-wide registry of nicks held by connected users (spec §7.1): a nick is unique across all rooms and stays
 * held until its holder disconnects. Thread-safe.
 */
public final class NickRegistry {

    private final ConcurrentHashMap<String, Integer> holders = new ConcurrentHashMap<>();

    /** Reserves {@code nick} for {@code memberId}; false when another member holds it. */
    public boolean claim(int memberId, String nick) {
        Integer holder = holders.putIfAbsent(nick, memberId);
        return holder == null || holder == memberId;
    }

    /** Frees {@code nick} if {@code memberId} still holds it. */
    public void release(int memberId, String nick) {
        holders.remove(nick, memberId);
    }

    public int size() {
        return holders.size();
    }
}
