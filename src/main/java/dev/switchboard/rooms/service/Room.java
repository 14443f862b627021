package dev.switchboard.rooms.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One room: members in join order plus its history. Every change and every send about the room happens while
 * holding {@link #lock}, which is what orders a join's {@code _NEW_USER} before the joiner's first message for
 * every member, whichever event loop each one lives on.
 */
final class Room {

    final String name;
    final ReentrantLock lock = new ReentrantLock();
    final RoomHistory history;
    private final LinkedHashMap<Integer, Member> members = new LinkedHashMap<>();
    /** Set when the last member leaves; a joiner that finds it set retries with a fresh room. */
    boolean closed;
    /**
     * Set when the gateway starts saying goodbye to the room's members: from then on nothing new is relayed, so
     * every message relayed before reached each member ahead of its goodbye.
     */
    boolean sealed;

    /** Stops or resumes relaying; taking the lock means every broadcast made before has handed its writes on. */
    void sealed(boolean value) {
        lock.lock();
        try {
            sealed = value;
        } finally {
            lock.unlock();
        }
    }
    /**
     * On a cluster: when (cluster clock, epoch ms) the room's last members left because their node went away; it
     * then keeps its history for members who come back. 0 while the room is not dormant. Under the lock.
     */
    long dormantSince;
    private volatile int memberCount;

    Room(String name, RoomHistory history) {
        this.name = name;
        this.history = history;
    }

    void add(Member member) {
        members.put(member.id(), member);
        memberCount = members.size();
    }

    Member remove(int memberId) {
        Member removed = members.remove(memberId);
        memberCount = members.size();
        return removed;
    }

    Member get(int memberId) {
        return members.get(memberId);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    /** Members in join order; a snapshot so sends never iterate the live map. */
    List<Member> snapshot() {
        return new ArrayList<>(members.values());
    }

    List<RoomSession> sessionsExcept(int memberId) {
        List<RoomSession> sessions = new ArrayList<>(members.size());
        for (Member m : members.values()) {
            if (m.id() != memberId) {
                sessions.add(m.session);
            }
        }
        return sessions;
    }

    List<RoomSession> sessions() {
        return sessionsExcept(Integer.MIN_VALUE);
    }

    /** Safe to read without the lock. */
    int memberCount() {
        return memberCount;
    }
}
