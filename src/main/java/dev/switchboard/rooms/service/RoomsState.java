package dev.switchboard.rooms.service;

import java.util.List;

/**
 * The whole rooms state as {@link Rooms#export()} reads it and {@link Rooms#restore} takes it: what a cluster's
 * snapshot holds.
 *
 * @param nextMemberId the member id the next accepted nick gets
 * @param members      every member with a nick, by member id
 * @param rooms        every room, by name
 */
public record RoomsState(int nextMemberId, List<MemberState> members, List<RoomState> rooms) {

    public RoomsState {
        members = List.copyOf(members);
        rooms = List.copyOf(rooms);
    }

    /**
     * One member with a nick.
     *
     * @param session    how to reach it (on a cluster, a stand-in for a member of another node)
     * @param nick       its nick
     * @param joinedOnce whether it has joined a room (a connection joins once, spec §7.2)
     */
    public record MemberState(RoomSession session, String nick, boolean joinedOnce) {
    }

    /**
     * One room.
     *
     * @param name      its name
     * @param memberIds its members in join order
     * @param history      its retained history lines, oldest first
     * @param dormantSince on a cluster, when its last members' node went away (epoch ms); 0 while not dormant
     */
    public record RoomState(String name, List<Integer> memberIds, List<byte[]> history, long dormantSince) {

        public RoomState {
            memberIds = List.copyOf(memberIds);
            history = List.copyOf(history);
        }
    }
}
