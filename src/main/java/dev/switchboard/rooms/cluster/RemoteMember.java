package dev.switchboard.rooms.cluster;

import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Delivery;
import dev.switchboard.rooms.service.RoomSession;

/**
 * A member whose connection is on another node, or on a past process of this one: it is in every roster and its
 * nick counts, but it receives nothing here, because its own node delivers to it.
 */
final class RemoteMember implements RoomSession {

    private final SessionKey key;
    private int memberId;
    private final int flags;

    RemoteMember(SessionKey key, int memberId, int flags) {
        this.key = key;
        this.memberId = memberId;
        this.flags = flags;
    }

    SessionKey key() {
        return key;
    }

    @Override
    public int memberId() {
        return memberId;
    }

    @Override
    public void assignMemberId(int memberId) {
        this.memberId = memberId;
    }

    @Override
    public void send(TPacket packet) {
        // delivered by its own node
    }

    @Override
    public void deliver(Delivery delivery) {
        // delivered by its own node
    }

    @Override
    public void kick(String reason) {
        // its own node ends the connection when it applies the same kick
    }

    @Override
    public int memberFlags() {
        return flags;
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public String node() {
        return key.node();
    }
}
