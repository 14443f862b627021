package dev.switchboard.rooms.cluster;

import dev.switchboard.rooms.service.RoomsState.RoomState;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicated rooms state in the form a snapshot stores it: members with their cluster keys instead of sessions.
 * Bytes: a version byte ({@value #VERSION}), the next member id, the members (key, id, nick, flags, joined), then the
 * rooms (name, member ids in join order, history lines oldest first, when it went dormant or 0), counts and
 * lengths as {@code int}s.
 *
 * @param nextMemberId the member id the next accepted nick gets
 * @param members      every member with a nick, by member id
 * @param rooms        every room, by name
 */
public record RoomsSnapshot(int nextMemberId, List<Member> members, List<RoomState> rooms) {

    /** The format written by this version. */
    public static final int VERSION = 1;
    /** Smallest encoding of a member: key (node length, incarnation, sequence), id, nick length, flags, joined. */
    private static final int MIN_MEMBER_BYTES = 4 + 8 + 8 + 4 + 4 + 4 + 1;
    /** Smallest encoding of a room: name length, member count, line count, dormant since. */
    private static final int MIN_ROOM_BYTES = 4 + 4 + 4 + 8;

    public RoomsSnapshot {
        members = List.copyOf(members);
        rooms = List.copyOf(rooms);
    }

    /**
     * One member.
     *
     * @param key        its session's cluster key
     * @param memberId   its member id
     * @param nick       its nick
     * @param flags      its {@code _NEW_USER} flags
     * @param joinedOnce whether it has joined a room
     */
    public record Member(SessionKey key, int memberId, String nick, int flags, boolean joinedOnce) {
    }

    public byte[] encode() {
        BoundedWriter out = new BoundedWriter(1024).u8(VERSION).i32(nextMemberId).i32(members.size());
        for (Member m : members) {
            RoomsEventCodec.key(out, m.key()).i32(m.memberId()).text(m.nick()).i32(m.flags()).bool(m.joinedOnce());
        }
        out.i32(rooms.size());
        for (RoomState r : rooms) {
            out.text(r.name()).i32(r.memberIds().size());
            r.memberIds().forEach(out::i32);
            out.i32(r.history().size());
            r.history().forEach(out::bytes);
            out.i64(r.dormantSince());
        }
        return out.toByteArray();
    }

    /** The snapshot in {@code bytes}; {@link RoomsCodecException} when they are not one this version writes. */
    public static RoomsSnapshot decode(byte[] bytes) {
        BoundedReader in = new BoundedReader(bytes);
        int version = in.u8();
        if (version != VERSION) {
            throw new RoomsCodecException("rooms snapshot version " + version + ", expected " + VERSION);
        }
        int nextMemberId = in.i32();
        int memberCount = in.count(MIN_MEMBER_BYTES);
        List<Member> members = new ArrayList<>(memberCount);
        for (int i = 0; i < memberCount; i++) {
            members.add(new Member(RoomsEventCodec.key(in), in.i32(), in.text(RoomsEventCodec.MAX_FIELD), in.i32(),
                    in.bool()));
        }
        int roomCount = in.count(MIN_ROOM_BYTES);
        List<RoomState> rooms = new ArrayList<>(roomCount);
        for (int i = 0; i < roomCount; i++) {
            String name = in.text(RoomsEventCodec.MAX_FIELD);
            int ids = in.count(4);
            List<Integer> memberIds = new ArrayList<>(ids);
            for (int j = 0; j < ids; j++) {
                memberIds.add(in.i32());
            }
            int lines = in.count(4);
            List<byte[]> history = new ArrayList<>(lines);
            for (int j = 0; j < lines; j++) {
                history.add(in.bytes(RoomsEventCodec.MAX_FIELD));
            }
            rooms.add(new RoomState(name, memberIds, history, in.i64()));
        }
        in.end();
        return new RoomsSnapshot(nextMemberId, members, rooms);
    }
}
