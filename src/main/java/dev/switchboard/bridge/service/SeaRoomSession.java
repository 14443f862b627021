package dev.switchboard.bridge.service;

import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.sea.service.SeaUser;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A SEA user as a member of the bridged room: a session with no socket. What the room sends it needs no delivery
 * (room messages reach SEA once, through the bridge's room observer), and an operator's kick ends the SEA session.
 */
final class SeaRoomSession implements RoomSession {

    private final BridgeService bridge;
    private final SeaUser user;
    /** Fixed on one node; on a cluster handed out when the cluster accepts the nick. */
    private volatile int memberId;
    /** Nicks the room refused so far; on the SEA executor. */
    private final List<String> refusedNicks = new ArrayList<>(2);
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

    List<String> refusedNicks() {
        return refusedNicks;
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
    public void assignMemberId(int memberId) {
        this.memberId = memberId;
    }

    @Override
    public void nickDecided(int uid, Rooms.NickOutcome outcome) {
        bridge.onSeaExecutor(() -> bridge.nickDecided(this, outcome));
    }

    @Override
    public void joinDecided(int uid, Rooms.JoinOutcome outcome) {
        bridge.onSeaExecutor(() -> bridge.joinDecided(this, outcome));
    }

    /**
     * The cluster no longer holds this member (or could not take its request): the mirror ends here, and the SEA
     * session is left to SEA, which has its own rule for a node cut off from the cluster.
     */
    @Override
    public void endByCluster(ClusterEnd why, String detail) {
        bridge.onSeaExecutor(() -> bridge.roomDroppedSea(this, detail));
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
