package dev.switchboard.rooms.cluster;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.Rooms;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A session of one node in the replica tests: records what it is sent, its decisions and how it was ended. */
final class ReplicaSession implements RoomSession {

    private int memberId;
    private final int flags;
    final List<String> received = new ArrayList<>();
    String ended;

    ReplicaSession() {
        this(0);
    }

    ReplicaSession(int flags) {
        this.flags = flags;
    }

    @Override
    public int memberFlags() {
        return flags;
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
        String name = packet.command().map(Command::name).orElse("?");
        received.add(name + " " + Integer.toHexString(packet.p1()) + " "
                + new String(packet.blob(), StandardCharsets.UTF_8));
    }

    @Override
    public void kick(String reason) {
        ended = "kicked";
    }

    @Override
    public void nickDecided(int uid, Rooms.NickOutcome outcome) {
        received.add("nick " + uid + " " + outcome);
    }

    @Override
    public void joinDecided(int uid, Rooms.JoinOutcome outcome) {
        received.add("join " + uid + " " + outcome);
    }

    @Override
    public void endByCluster(ClusterEnd why, String detail) {
        ended = why.name();
    }
}
