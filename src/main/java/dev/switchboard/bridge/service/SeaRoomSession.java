package dev.switchboard.bridge.service;

import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.sea.service.SeaUser;
import java.net.InetAddress;

/**
 * A SEA user as a member of the bridged room: a session with no socket. What the room sends it needs no delivery
 * (room messages reach SEA once, through the bridge's room observer), and an operator's kick ends the SEA session.
 */
final class SeaRoomSession implements RoomSession {

    private final BridgeService bridge;
    private final SeaUser user;
    private final int memberId;
    /** Set on the SEA executor before the member joins; read by the rooms service's threads after. */
    private volatile String nick = "";
    private volatile boolean leaving;

    SeaRoomSession(BridgeService bridge, SeaUser user, int memberId) {
        this.bridge = bridge;
        this.user = user;
        this.memberId = memberId;
    }

    SeaUser user() {
        return user;
    }

    String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    void leaving() {
        leaving = true;
    }

    @Override
    public int memberId() {
        return memberId;
    }

    @Override
    public void send(TPacket packet) {
    }

    @Override
    public void kick(String reason) {
        if (!leaving) {
            bridge.roomKickedSea(this, reason);
        }
    }

    @Override
    public int memberFlags() {
        return TPacket.MEMBER_FROM_SEA;
    }

    @Override
    public InetAddress remoteAddress() {
        return user.address();
    }
}
