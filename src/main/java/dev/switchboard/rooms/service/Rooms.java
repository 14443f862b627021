package dev.switchboard.rooms.service;

import dev.switchboard.rooms.message.TPacket;

import java.nio.charset.StandardCharsets;
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
 */
public final class Rooms {

    /** First member id handed out (spec §6). */
    public static final int FIRST_MEMBER_ID = 0x1000;
    private static final byte[] LINE_SEPARATOR = ": ".getBytes(StandardCharsets.US_ASCII);
    private static final String NOTICE_PREFIX = "* ";

    /** Outcome of {@link #setNick}. */
    public enum NickOutcome { ACCEPTED, INVALID, TAKEN, ALREADY_SET }

    /** Outcome of {@link #join}. */
    public enum JoinOutcome { JOINED, NO_NICK, ALREADY_JOINED, INVALID_NAME, TOO_MANY_ROOMS, ROOM_FULL, ROOM_SEALED }

    /** Outcome of {@link #say}. */
    public enum SayOutcome { SENT, NOT_IN_ROOM, EMPTY, TOO_LONG, ROOM_SEALED }

    /** Outcome of {@link #notice}. */
    public enum NoticeOutcome { POSTED, NO_SUCH_ROOM, INVALID_TEXT }

    private final RoomsLimits limits;
    private final AtomicInteger nextMemberId = new AtomicInteger(FIRST_MEMBER_ID);
    private final NickRegistry nicks = new NickRegistry();
    private final ConcurrentHashMap<Integer, Member> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger roomCount = new AtomicInteger();
    /** Set while the gateway shuts down: every room, new ones included, relays nothing more. */
    private volatile boolean allSealed;

    private final List<RoomsObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Rooms(RoomsLimits limits) {
        this.limits = limits;
    }

    /** A new member id for an accepted connection; ids are never reused while the process runs (spec §6). */
    /** Adds an observer of joins, leaves and messages; call before the listeners start. */
    public void subscribe(RoomsObserver observer) {
        observers.add(observer);
    }

    public int allocateMemberId() {
        return nextMemberId.getAndIncrement();
    }

    /** Level-2 nick request (spec §7.1): valid, unique server-wide, and set only once per connection. */
    public NickOutcome setNick(RoomSession session, byte[] rawNick) {
        if (members.containsKey(session.memberId())) {
            return NickOutcome.ALREADY_SET;
        }
        Optional<String> nick = Names.validateNick(rawNick, limits.nickMaxBytes());
        if (nick.isEmpty()) {
            return NickOutcome.INVALID;
        }
        if (!nicks.claim(session.memberId(), nick.get())) {
            return NickOutcome.TAKEN;
        }
        members.put(session.memberId(), new Member(session, nick.get()));
        return NickOutcome.ACCEPTED;
    }

    /**
     * {@code _SET_ROOM} (spec §7.2). On success the joiner gets {@code _RESP_OK} echoing {@code uid}, the roster
     * (itself first, then the others from most to least recently joined) and the history oldest first; the others
     * get one {@code _NEW_USER}. On any other outcome nothing is sent: the caller answers {@code _RESP_ERROR}.
     */
    public JoinOutcome join(RoomSession session, int uid, byte[] rawRoomName) {
        Member member = members.get(session.memberId());
        if (member == null) {
            return JoinOutcome.NO_NICK;
        }
        if (member.joinedOnce) {
            return JoinOutcome.ALREADY_JOINED;
        }
        Optional<String> name = Names.validate(rawRoomName, limits.roomNameMaxBytes());
        if (name.isEmpty()) {
            return JoinOutcome.INVALID_NAME;
        }
        while (true) {
            Room room = rooms.computeIfAbsent(name.get(), this::createRoomIfAllowed);
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
    public SayOutcome say(RoomSession session, byte[] text) {
        Member member = members.get(session.memberId());
        Room room = member == null ? null : member.room;
        if (room == null) {
            return SayOutcome.NOT_IN_ROOM;
        }
        if (text.length == 0) {
            return SayOutcome.EMPTY;
        }
        if (text.length > limits.textMaxBytes()) {
            return SayOutcome.TOO_LONG;
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
            observers.forEach(o -> o.said(room.name, session, member.nick, text));
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
    public void seal(RoomSession session) {
        Member member = members.get(session.memberId());
        Room room = member == null ? null : member.room;
        if (room == null) {
            return;
        }
        room.lock.lock();
        try {
            room.sealed = true;
        } finally {
            room.lock.unlock();
        }
    }

    /**
     * The gateway is shutting down: every room stops relaying (as {@link #seal} does for one), before any member
     * is told goodbye, so every message relayed to one member was relayed to all of them. Each room's lock is
     * taken once, so every broadcast made before this call has handed its writes on when it returns.
     */
    public void sealAll() {
        allSealed = true;
        for (Room room : rooms.values()) {
            room.lock.lock();
            try {
                room.sealed = true;
            } finally {
                room.lock.unlock();
            }
        }
    }

    /** The gateway accepts traffic again after {@link #sealAll()} (a stopped context restarted): rooms relay again. */
    public void reopen() {
        allSealed = false;
        for (Room room : rooms.values()) {
            room.lock.lock();
            try {
                room.sealed = false;
            } finally {
                room.lock.unlock();
            }
        }
    }

    /** The connection ended (spec §7.4): the others get {@code _DEL_USER}, the nick is freed. Idempotent. */
    public void disconnected(RoomSession session) {
        Member member = members.remove(session.memberId());
        if (member == null) {
            return;
        }
        Room room = member.room;
        if (room != null) {
            leave(room, member);
        }
        nicks.release(member.id(), member.nick);
    }

    private void leave(Room room, Member member) {
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
                // A room and its history die with its last member (spec §7.2).
                room.closed = true;
                rooms.remove(room.name, room);
                roomCount.decrementAndGet();
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
        return withRoom(room, r -> r.snapshot().stream().map(m -> new MemberView(m.id(), m.nick)).toList());
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
    public NoticeOutcome notice(String room, String text) {
        byte[] line = (NOTICE_PREFIX + text).getBytes(StandardCharsets.UTF_8);
        if (text.isBlank() || line.length - NOTICE_PREFIX.length() > limits.textMaxBytes()) {
            return NoticeOutcome.INVALID_TEXT;
        }
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
