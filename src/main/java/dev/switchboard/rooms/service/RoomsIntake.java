package dev.switchboard.rooms.service;

import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import dev.switchboard.rooms.service.Rooms.NoticeOutcome;
import dev.switchboard.rooms.service.Rooms.SayOutcome;

/**
 * Where the protocol stages and the operator endpoints hand their requests: the intake of the rooms service. On the
 * {@code local} engine it is {@link Rooms} itself, which decides and delivers at once in the caller's thread. On a
 * cluster it validates what needs only the request and hands the rest to the cluster, whose order decides: a nick
 * request or a join then answers {@code PENDING}, and its outcome reaches the session later through
 * {@link RoomSession#nickDecided} or {@link RoomSession#joinDecided}.
 */
public interface RoomsIntake {

    /** The member id of a connection whose upgrade was just accepted; 0 when ids are handed out at the nick. */
    int memberIdAtUpgrade();

    /** Level-2 nick request {@code uid} (spec §7.1). */
    NickOutcome setNick(RoomSession session, int uid, byte[] rawNick);

    /** {@code _SET_ROOM} request {@code uid} (spec §7.2). */
    JoinOutcome join(RoomSession session, int uid, byte[] rawRoomName);

    /** {@code _NEW_MSG} (spec §7.3); {@code SENT} on a cluster means handed on for relay. */
    SayOutcome say(RoomSession session, byte[] text);

    /** The connection ended (spec §7.4). Idempotent. */
    void disconnected(RoomSession session);

    /** The gateway is about to say goodbye to this member: nothing more of its room is relayed through this node. */
    void seal(RoomSession session);

    /** The gateway is shutting down: no room relays anything more through this node. */
    void sealAll();

    /** The gateway accepts traffic again after {@link #sealAll()}. */
    void reopen();

    /** An operator removes member {@code memberId} from {@code room}; false when it is not in that room. */
    boolean kick(String room, int memberId);

    /** An operator notice to {@code room}. */
    NoticeOutcome notice(String room, String text);

    /** Whether new connections, nicks and joins are taken now: false while a cluster's copy is not in sync. */
    boolean accepting();
}
