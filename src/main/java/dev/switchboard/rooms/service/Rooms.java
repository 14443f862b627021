package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms service (spec §6–§7): member ids, nicks, rooms with history, joins, chat relay, departures, and the
 * operator actions. Thread-safe; every send concerning a room happens under that room's lock, so each member sees
 * a user's {@code _NEW_USER} before any message from that user and the {@code _DEL_USER} after its last one.
 * Sessions only queue what they are given under the lock (see {@link RoomSession}), so a member whose connection
 * fails during a broadcast leaves later, in its own call, never inside the broadcast that found it.
 *
 * <p>Each public request is split in two: its <em>intake</em> (validation that needs only the request, such as a
 * nick's or a room name's bytes) and its <em>apply</em> (every decision that reads or changes the state, and every
 * delivery). On the {@code local} engine this class is the {@link RoomsIntake} and runs both at once, in the
 * caller's thread. On a cluster the intake runs elsewhere and the replicated state calls the {@code apply…}
 * methods, in the cluster's order, on one thread: they depend only on the state and their arguments, so every
 * node that applies the same requests holds the same rooms.
 */
public final class Rooms implements RoomsIntake {

    /** First member id handed out (spec §6). */
    public static final int FIRST_MEMBER_ID = 0x1000;
    private static final byte[] LINE_SEPARATOR = ": ".getBytes(StandardCharsets.US_ASCII);
    private static final String NOTICE_PREFIX = "* ";
    /** {@code dormantSince} of a room that is not dormant. */
    private static final long NOT_DORMANT = 0;

    /** Outcome of {@link #setNick}. */
    public enum NickOutcome { ACCEPTED, INVALID, TAKEN, ALREADY_SET,
        /** Handed to the cluster: the outcome reaches the session through {@link RoomSession#nickDecided}. */
        PENDING }

    /** Outcome of {@link #join}. */
    public enum JoinOutcome { JOINED, NO_NICK, ALREADY_JOINED, INVALID_NAME, TOO_MANY_ROOMS, ROOM_FULL, ROOM_SEALED,
        /** Handed to the cluster: the outcome reaches the session through {@link RoomSession#joinDecided}. */
        PENDING }

    /** Outcome of {@link #say}. */
    public enum SayOutcome { SENT, NOT_IN_ROOM, EMPTY, TOO_LONG, ROOM_SEALED }

    /** Outcome of {@link #notice}. */
    public enum NoticeOutcome { POSTED, NO_SUCH_ROOM, INVALID_TEXT }

    private final RoomsLimits limits;
    /** This node's id, shown beside members whose session is local. */
    private final String nodeId;
    private final AtomicInteger nextMemberId = new AtomicInteger(FIRST_MEMBER_ID);
    private final NickRegistry nicks = new NickRegistry();
    private final ConcurrentHashMap<Integer, Member> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger roomCount = new AtomicInteger();
    /**
     * Rooms kept with their history after their last members' node went away, in the order they went dormant
     * (which, by the cluster's clock, is also the order of their times). Cluster only: touched only by
     * {@link #departed}, {@link #endDormant} and {@link #restore}, all on the thread that applies the changes.
     * An entry whose room was revived, or went dormant again later, is skipped.
     */
    private final ArrayDeque<Dormant> dormant = new ArrayDeque<>();
    /** Set while the gateway shuts down: every room, new ones included, relays nothing more. */
    private volatile boolean allSealed;

    private final List<RoomsObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Rooms(RoomsLimits limits) {
        this(limits, "local");
    }

    public Rooms(RoomsLimits limits, String nodeId) {
        this.limits = limits;
        this.nodeId = nodeId;
    }

    /** Adds an observer of joins, leaves and messages; call before the listeners start. */
    public void subscribe(RoomsObserver observer) {
        observers.add(observer);
    }

    /** A new member id for an accepted connection; ids are never reused while the process runs (spec §6). */
    public int allocateMemberId() {
        return nextMemberId.getAndIncrement();
    }

    @Override
    public int memberIdAtUpgrade() {
        return allocateMemberId();
    }

    /** The limits this service enforces. */
    public RoomsLimits limits() {
        return limits;
    }

    @Override
    public NickOutcome setNick(RoomSession session, int uid, byte[] rawNick) {
        return setNick(session, rawNick);
    }

    /** Level-2 nick request (spec §7.1): valid, unique server-wide, and set only once per connection. */
    public NickOutcome setNick(RoomSession session, byte[] rawNick) {
        if (members.containsKey(session.memberId())) {
            return NickOutcome.ALREADY_SET;
        }
        Optional<String> nick = validNick(rawNick);
        if (nick.isEmpty()) {
            return NickOutcome.INVALID;
        }
        return applyNick(session, nick.get());
    }

    /** The nick when {@code raw} is one this service accepts (spec §8); the intake half of a nick request. */
    public Optional<String> validNick(byte[] raw) {
        return Names.validateNick(raw, limits.nickMaxBytes());
    }

    /** The room name when {@code raw} is one this service accepts (spec §8); the intake half of a join. */
    public Optional<String> validRoomName(byte[] raw) {
        return Names.validate(raw, limits.roomNameMaxBytes());
    }

    /** Whether {@code memberId} has a nick: a later nick request of it is {@link NickOutcome#ALREADY_SET}. */
    public boolean hasNick(int memberId) {
        return members.containsKey(memberId);
    }

    /** Whether {@code memberId} has joined a room once (a second join is refused, spec §7.2). */
    public boolean hasJoined(int memberId) {
        Member member = members.get(memberId);
        return member != null && member.joinedOnce;
    }

    /** The apply half of a nick request: unique server-wide (cluster-wide on a cluster). */
    public NickOutcome applyNick(RoomSession session, String nick) {
        if (members.containsKey(session.memberId())) {
            return NickOutcome.ALREADY_SET;
        }
        if (!nicks.claim(session.memberId(), nick)) {
            return NickOutcome.TAKEN;
        }
        members.put(session.memberId(), new Member(session, nick));
        return NickOutcome.ACCEPTED;
    }

    /**
     * {@code _SET_ROOM} (spec §7.2). On success the joiner gets {@code _RESP_OK} echoing {@code uid}, the roster
     * (itself first, then the others from most to least recently joined) and the history oldest first; the others
     * get one {@code _NEW_USER}. On any other outcome nothing is sent: the caller answers {@code _RESP_ERROR}.
     */
    @Override
    public JoinOutcome join(RoomSession session, int uid, byte[] rawRoomName) {
        Member member = members.get(session.memberId());
        if (member == null) {
            return JoinOutcome.NO_NICK;
        }
        if (member.joinedOnce) {
            return JoinOutcome.ALREADY_JOINED;
        }
        Optional<String> name = validRoomName(rawRoomName);
        if (name.isEmpty()) {
            return JoinOutcome.INVALID_NAME;
        }
        return applyJoin(session, uid, name.get());
    }

    /** The apply half of {@link #join}: everything that reads the rooms, and every packet of the join. */
    public JoinOutcome applyJoin(RoomSession session, int uid, String name) {
        Member member = members.get(session.memberId());
        if (member == null) {
            return JoinOutcome.NO_NICK;
        }
        if (member.joinedOnce) {
            return JoinOutcome.ALREADY_JOINED;
        }
        while (true) {
            Room room = rooms.computeIfAbsent(name, this::createRoomIfAllowed);
            if (room == null) {
                return JoinOutcome.TOO_MANY_ROOMS;
            }
            room.lock.lock();
            try {
                if (room.closed) {
                    continue; // emptied and removed between lookup and lock: look up again
                }
                if (room.sealed || allSealed) {
                    return JoinOutcome.ROOM_SEALED;
                }
                if (room.memberCount() >= limits.maxMembersPerRoom()) {
                    return JoinOutcome.ROOM_FULL;
                }
                List<Member> earlier = room.snapshot();
                List<RoomSession> others = room.sessions();
                room.dormantSince = NOT_DORMANT; // a member is back, if it was dormant: it lives on, with its history
                room.add(member);
                member.room = room;
                member.joinedOnce = true;
                // Order per spec §7.2: OK first (the client clears its pane on it), then roster, then history.
                session.send(TPacket.respOk(uid));
                session.send(TPacket.newUser(member.id(), member.nickBytes, session.memberFlags()));
                Collections.reverse(earlier);
                for (Member m : earlier) {
                    session.send(TPacket.newUser(m.id(), m.nickBytes, m.session.memberFlags()));
                }
                for (byte[] line : room.history.lines()) {
                    session.send(TPacket.loggedMsg(line));
                }
                if (!others.isEmpty()) {
                    broadcast(others, TPacket.newUser(member.id(), member.nickBytes, session.memberFlags()));
                }
                observers.forEach(o -> o.joined(room.name, session, member.nick));
                return JoinOutcome.JOINED;
            } finally {
                room.lock.unlock();
            }
        }
    }

    /**
     * {@code _NEW_MSG} (spec §7.3): records {@code "<nick>: <text>"} in the history and relays the text to every
     * member including the sender. Empty or over-long text is refused (spec §8) and nothing is sent.
     */
    @Override
    public SayOutcome say(RoomSession session, byte[] text) {
        Member member = members.get(session.memberId());
        SayOutcome refused = checkSay(member, text);
        return refused != null ? refused : relay(member, member.room, text);
    }

    /** The intake half of {@link #say}: the refusal of {@code text} from {@code memberId}, or null to go on. */
    public SayOutcome checkSay(int memberId, byte[] text) {
        return checkSay(members.get(memberId), text);
    }

    private SayOutcome checkSay(Member member, byte[] text) {
        if (member == null || member.room == null) {
            return SayOutcome.NOT_IN_ROOM;
        }
        if (text.length == 0) {
            return SayOutcome.EMPTY;
        }
        if (text.length > limits.textMaxBytes()) {
            return SayOutcome.TOO_LONG;
        }
        return null;
    }

    /** The apply half of {@link #say}: the history line and the relay, if the sender is still in its room. */
    public SayOutcome applySay(RoomSession session, byte[] text) {
        Member member = members.get(session.memberId());
        Room room = member == null ? null : member.room;
        if (room == null) {
            return SayOutcome.NOT_IN_ROOM;
        }
        return relay(member, room, text);
    }

    private SayOutcome relay(Member member, Room room, byte[] text) {
        if (room == null) {
            return SayOutcome.NOT_IN_ROOM; // left between the check and now
        }
        room.lock.lock();
        try {
            if (room.closed || room.get(member.id()) == null) {
                return SayOutcome.NOT_IN_ROOM; // kicked while this message was in flight
            }
            if (room.sealed || allSealed) {
                return SayOutcome.ROOM_SEALED;
            }
            room.history.append(historyLine(member.nickBytes, text));
            broadcast(room.sessions(), TPacket.newMsg(member.id(), text));
            observers.forEach(o -> o.said(room.name, member.session, member.nick, text));
            return SayOutcome.SENT;
        } finally {
            room.lock.unlock();
        }
    }

    /**
     * The gateway is about to say goodbye to this member: its room relays nothing more (messages, joins, notices
     * are refused), so everything relayed so far is already queued to every member before any goodbye that
     * follows this call. Idempotent; a member without a room has nothing to seal.
     */
    @Override
    public void seal(RoomSession session) {
        Member member = members.get(session.memberId());
        Room room = member == null ? null : member.room;
        if (room == null) {
            return;
        }
        room.sealed(true);
    }

    /**
     * The gateway is shutting down: every room stops relaying (as {@link #seal} does for one), before any member
     * is told goodbye, so every message relayed to one member was relayed to all of them. Each room's lock is
     * taken once, so every broadcast made before this call has handed its writes on when it returns.
     */
    @Override
    public void sealAll() {
        allSealed = true;
        for (Room room : rooms.values()) {
            room.sealed(true);
        }
    }

    /** The gateway accepts traffic again after {@link #sealAll()} (a stopped context restarted): rooms relay again. */
    @Override
    public void reopen() {
        allSealed = false;
        for (Room room : rooms.values()) {
            room.sealed(false);
        }
    }

    /** The connection ended (spec §7.4): the others get {@code _DEL_USER}, the nick is freed. Idempotent. */
    @Override
    public void disconnected(RoomSession session) {
        remove(session, NOT_DORMANT);
    }

    /**
     * On a cluster: the member's node went away (crashed, shut down, or restarted), so the member leaves as
     * {@link #disconnected} says, except that a room it leaves empty keeps its history, <em>dormant</em>, so a
     * member who reconnects to another node after the restart still gets it; {@link #endDormant} ends it later.
     *
     * @param now when, by the cluster's clock; the dormant room remembers it
     */
    public void departed(RoomSession session, long now) {
        remove(session, Math.max(1, now));
    }

    /** Ends every dormant room whose last member departed at or before {@code cutoff} (cluster clock). */
    public void endDormant(long cutoff) {
        while (!dormant.isEmpty()) {
            Dormant next = dormant.peekFirst();
            Room room = next.room();
            room.lock.lock();
            try {
                boolean current = !room.closed && room.dormantSince == next.since();
                if (current && next.since() > cutoff) {
                    return;
                }
                dormant.pollFirst();
                if (current && room.isEmpty()) {
                    close(room);
                }
            } finally {
                room.lock.unlock();
            }
        }
    }

    /** A room that went dormant at {@code since}. */
    private record Dormant(Room room, long since) {
    }

    private void remove(RoomSession session, long dormantSince) {
        Member member = members.remove(session.memberId());
        if (member == null) {
            return;
        }
        Room room = member.room;
        if (room != null) {
            leave(room, member, dormantSince);
        }
        nicks.release(member.id(), member.nick);
    }

    private void leave(Room room, Member member) {
        leave(room, member, NOT_DORMANT);
    }

    /** Under the room's lock: the room ends, with its history. */
    private void close(Room room) {
        room.dormantSince = NOT_DORMANT;
        room.closed = true;
        rooms.remove(room.name, room);
        roomCount.decrementAndGet();
    }

    private void leave(Room room, Member member, long dormantSince) {
        room.lock.lock();
        try {
            if (room.remove(member.id()) == null) {
                return;
            }
            member.room = null;
            List<RoomSession> others = room.sessions();
            if (!others.isEmpty()) {
                broadcast(others, TPacket.delUser(member.id(), member.nickBytes));
            }
            observers.forEach(o -> o.left(room.name, member.session, member.nick));
            if (room.isEmpty()) {
                if (dormantSince == NOT_DORMANT) {
                    // A room and its history die with its last member (spec §7.2).
                    close(room);
                } else if (room.dormantSince == NOT_DORMANT) {
                    room.dormantSince = dormantSince;
                    dormant.addLast(new Dormant(room, dormantSince));
                }
            }
        } finally {
            room.lock.unlock();
        }
    }

    /** One packet to many members: each session takes its transport's shared form of it. Under the room's lock. */
    private static void broadcast(List<RoomSession> recipients, TPacket packet) {
        Delivery delivery = new Delivery(packet);
        try {
            for (RoomSession recipient : recipients) {
                recipient.deliver(delivery);
            }
        } finally {
            delivery.finish();
        }
    }

    private Room createRoomIfAllowed(String name) {
        if (roomCount.incrementAndGet() > limits.maxRooms()) {
            roomCount.decrementAndGet();
            return null;
        }
        return new Room(name, new RoomHistory(limits.historyLines(), limits.historyBytes()));
    }

    private static byte[] historyLine(byte[] nick, byte[] text) {
        byte[] line = new byte[nick.length + LINE_SEPARATOR.length + text.length];
        System.arraycopy(nick, 0, line, 0, nick.length);
        System.arraycopy(LINE_SEPARATOR, 0, line, nick.length, LINE_SEPARATOR.length);
        System.arraycopy(text, 0, line, nick.length + LINE_SEPARATOR.length, text.length);
        return line;
    }

    // ---- operator API (for the admin endpoints) ----

    /** All rooms with member counts and history sizes, sorted by name. */
    public List<RoomView> rooms() {
        List<RoomView> views = new ArrayList<>();
        for (Room room : rooms.values()) {
            views.add(new RoomView(room.name, room.memberCount(), room.history.lineCount(),
                    room.history.byteCount()));
        }
        views.sort(Comparator.comparing(RoomView::name));
        return views;
    }

    /** Members of {@code room} in join order; empty when there is no such room. */
    public Optional<List<MemberView>> members(String room) {
        return withRoom(room, r -> r.snapshot().stream().map(m -> new MemberView(m.id(), m.nick, nodeOf(m.session)))
                .toList());
    }

    /** Up to {@code limit} most recent history lines of {@code room}, oldest first; empty when no such room. */
    public Optional<List<String>> history(String room, int limit) {
        return withRoom(room, r -> {
            List<byte[]> lines = r.history.lines();
            return lines.subList(Math.max(0, lines.size() - Math.max(0, limit)), lines.size()).stream()
                    .map(line -> new String(line, StandardCharsets.UTF_8)).toList();
        });
    }

    /** Where member {@code memberId} is: its nick and room (null room before SET_ROOM); empty without a nick. */
    public Optional<MemberLocation> locate(int memberId) {
        Member member = members.get(memberId);
        if (member == null) {
            return Optional.empty();
        }
        Room room = member.room;
        return Optional.of(new MemberLocation(member.id(), member.nick, room != null ? room.name : null));
    }

    /**
     * Removes member {@code memberId} from {@code room}: the others get {@code _DEL_USER} at once, then the
     * member's connection is ended. False when the member is not in that room.
     */
    @Override
    public boolean kick(String room, int memberId) {
        Room r = rooms.get(room);
        Member member = members.get(memberId);
        if (r == null || member == null || member.room != r) {
            return false;
        }
        r.lock.lock();
        try {
            if (r.get(memberId) == null) {
                return false;
            }
        } finally {
            r.lock.unlock();
        }
        leave(r, member);
        member.session.kick("kicked by operator");
        return true;
    }

    /**
     * Posts an operator notice to {@code room}: every member gets it as a {@code _LOGGED_MSG} line
     * {@code "* <text>"}, and it is kept in the history like any other line.
     */
    @Override
    public NoticeOutcome notice(String room, String text) {
        byte[] line = noticeLine(text);
        if (line == null) {
            return NoticeOutcome.INVALID_TEXT;
        }
        return applyNotice(room, line);
    }

    /** The history line {@code "* <text>"} of an operator notice, or null when {@code text} is not a valid one. */
    public byte[] noticeLine(String text) {
        byte[] line = (NOTICE_PREFIX + text).getBytes(StandardCharsets.UTF_8);
        if (text.isBlank() || line.length - NOTICE_PREFIX.length() > limits.textMaxBytes()) {
            return null;
        }
        return line;
    }

    /** The apply half of {@link #notice}: {@code line} as {@link #noticeLine} made it. */
    public NoticeOutcome applyNotice(String room, byte[] line) {
        Room r = rooms.get(room);
        if (r == null) {
            return NoticeOutcome.NO_SUCH_ROOM;
        }
        r.lock.lock();
        try {
            if (r.closed || r.sealed || allSealed) {
                return NoticeOutcome.NO_SUCH_ROOM;
            }
            r.history.append(line);
            broadcast(r.sessions(), TPacket.loggedMsg(line));
            return NoticeOutcome.POSTED;
        } finally {
            r.lock.unlock();
        }
    }

    /** Where {@code session} runs: its own node's id, or this node's for a session of this process. */
    private String nodeOf(RoomSession session) {
        String node = session.node();
        return node == null ? nodeId : node;
    }

    @Override
    public boolean accepting() {
        return true;
    }

    // ---- the whole state, for a cluster's snapshots ----

    /**
     * Every member with a nick (by member id) and every room (by name, members in join order, history oldest
     * first), with the next member id. Consistent when nothing else changes the state meanwhile, which is how a
     * cluster calls it: on the one thread that applies every change.
     */
    public RoomsState export() {
        List<RoomsState.MemberState> memberStates = new ArrayList<>();
        members.values().stream().sorted(Comparator.comparingInt(Member::id)).forEach(m ->
                memberStates.add(new RoomsState.MemberState(m.session, m.nick, m.joinedOnce)));
        List<RoomsState.RoomState> roomStates = new ArrayList<>();
        rooms.values().stream().sorted(Comparator.comparing((Room r) -> r.name)).forEach(r -> {
            r.lock.lock();
            try {
                roomStates.add(new RoomsState.RoomState(r.name,
                        r.snapshot().stream().map(Member::id).toList(), r.history.lines(), r.dormantSince));
            } finally {
                r.lock.unlock();
            }
        });
        return new RoomsState(nextMemberId.get(), memberStates, roomStates);
    }

    /**
     * Replaces every member and room with {@code state}, sending nothing: what members are told about the change
     * is the caller's business. Rooms are unsealed. Members a room lists without a member entry are left out.
     */
    public void restore(RoomsState state) {
        for (Room room : rooms.values()) {
            room.lock.lock();
            try {
                room.closed = true;
            } finally {
                room.lock.unlock();
            }
        }
        rooms.clear();
        roomCount.set(0);
        dormant.clear();
        for (Member member : members.values()) {
            nicks.release(member.id(), member.nick);
        }
        members.clear();
        allSealed = false;
        nextMemberId.set(state.nextMemberId());
        for (RoomsState.MemberState m : state.members()) {
            Member member = new Member(m.session(), m.nick());
            member.joinedOnce = m.joinedOnce();
            nicks.claim(member.id(), member.nick);
            members.put(member.id(), member);
        }
        for (RoomsState.RoomState r : state.rooms().stream()
                .sorted(Comparator.comparingLong(RoomsState.RoomState::dormantSince)).toList()) {
            Room room = new Room(r.name(), new RoomHistory(limits.historyLines(), limits.historyBytes()));
            r.history().forEach(room.history::append);
            for (int id : r.memberIds()) {
                Member member = members.get(id);
                if (member != null && member.room == null) {
                    room.add(member);
                    member.room = room;
                }
            }
            if (room.isEmpty() && r.dormantSince() != NOT_DORMANT) {
                room.dormantSince = r.dormantSince();
                dormant.add(new Dormant(room, room.dormantSince));
            }
            if (!room.isEmpty() || room.dormantSince != NOT_DORMANT) {
                rooms.put(room.name, room);
                roomCount.incrementAndGet();
            }
        }
    }

    /** The session of member {@code memberId}, if it has a nick. */
    public Optional<RoomSession> session(int memberId) {
        Member member = members.get(memberId);
        return member == null ? Optional.empty() : Optional.of(member.session);
    }

    // ---- gauges ----

    public int roomCount() {
        return rooms.size();
    }

    /** Users with an accepted nick. */
    public int userCount() {
        return members.size();
    }

    /** Users currently in a room. */
    public int memberCount() {
        int total = 0;
        for (Room room : rooms.values()) {
            total += room.memberCount();
        }
        return total;
    }

    /** History lines retained over all rooms. */
    public int historyLines() {
        int total = 0;
        for (Room room : rooms.values()) {
            total += room.history.lineCount();
        }
        return total;
    }

    private <T> Optional<T> withRoom(String name, java.util.function.Function<Room, T> read) {
        Room room = rooms.get(name);
        if (room == null) {
            return Optional.empty();
        }
        room.lock.lock();
        try {
            return room.closed ? Optional.empty() : Optional.of(read.apply(room));
        } finally {
            room.lock.unlock();
        }
    }
}
