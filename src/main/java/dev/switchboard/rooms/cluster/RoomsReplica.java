package dev.switchboard.rooms.cluster;

import dev.switchboard.cluster.ClusterEvent;
import dev.switchboard.cluster.ReplicatedLog;
import dev.switchboard.cluster.ReplicatedState;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.RoomSession.ClusterEnd;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import dev.switchboard.rooms.service.RoomsState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms state every node of a cluster holds in full, changed only by the events of the {@code rooms} channel in
 * the channel's order ({@link ReplicatedState}). Each event calls the same {@link Rooms} apply method the
 * {@code local} engine calls directly, so a roster, a member id, a nick's owner or a history line is decided the
 * same way on every node; what differs per node is only which sessions are this node's, the ones it delivers to.
 * Members of other nodes are {@link RemoteMember}s.
 *
 * <p>{@link #apply}, {@link #snapshot} and {@link #restore} run on the one owner thread of the rooms state; the
 * intake only adds and reads sessions of its own ({@link #register}) from the I/O threads.
 */
public final class RoomsReplica implements ReplicatedState {

    private static final Logger log = LoggerFactory.getLogger(RoomsReplica.class);
    private static final String KICK_REASON = "kicked by operator";

    private final Rooms rooms;
    private final String nodeId;
    private final long incarnation;
    /** Whether a node id is among the live nodes of the cluster. */
    private final Predicate<String> nodeLive;
    /** How long a room whose members' node went away keeps its history (ms); 0 ends it at once. */
    private final long dormantRetention;
    /** This process's sessions that asked for a nick, until they leave. Any thread. */
    private final Map<SessionKey, RoomSession> own = new ConcurrentHashMap<>();
    /** Every member with a nick, cluster-wide. Owner thread only. */
    private final Map<SessionKey, RoomSession> members = new HashMap<>();
    /** Events found due before the log was attached. Owner thread only. */
    private final List<RoomsEvent> dueBeforeAttach = new ArrayList<>();
    private ReplicatedLog replicatedLog;

    /**
     * @param nodeLive         whether a node is live now (the backplane's node list)
     * @param dormantRetention how long a room left empty by a node going away keeps its history
     */
    public RoomsReplica(Rooms rooms, String nodeId, long incarnation, Predicate<String> nodeLive,
            Duration dormantRetention) {
        this.rooms = rooms;
        this.nodeId = nodeId;
        this.incarnation = incarnation;
        this.nodeLive = nodeLive;
        this.dormantRetention = dormantRetention.toMillis();
    }

    /** This process's start, the middle part of its sessions' keys. */
    public long incarnation() {
        return incarnation;
    }

    /** The channel events are submitted on, once {@code Backplane.replicate} made it. On the owner thread. */
    public void attach(ReplicatedLog replicated) {
        this.replicatedLog = replicated;
        dueBeforeAttach.forEach(this::submitFromOwner);
        dueBeforeAttach.clear();
    }

    /** A session of this node asks for a nick under {@code key}: events for that key are delivered to it. */
    void register(SessionKey key, RoomSession session) {
        own.put(key, session);
    }

    /**
     * The session under {@code key} ended: from now on the cluster's member under that key, if any, has no session
     * here, so a {@link #reconcile} makes it leave should the leave its end submitted be lost.
     */
    void unregister(SessionKey key) {
        own.remove(key);
    }

    @Override
    public void apply(ClusterEvent event) {
        RoomsEvent decoded;
        try {
            decoded = RoomsEventCodec.decode(event.payload());
        } catch (RoomsCodecException e) {
            log.warn("rooms event {} from node {} skipped: {}", event.id(), event.origin(), e.getMessage());
            return;
        }
        long now = clusterTime(event.id());
        if (dormantRetention > 0) {
            rooms.endDormant(now - dormantRetention);
        }
        if (decoded instanceof ClaimNick e) {
            claimNick(e);
        } else if (decoded instanceof Join e) {
            join(e);
        } else if (decoded instanceof Say e) {
            RoomSession session = members.get(e.key());
            if (session != null && e.text().length > 0 && e.text().length <= rooms.limits().textMaxBytes()) {
                rooms.applySay(session, e.text());
            }
        } else if (decoded instanceof Leave e) {
            leave(e.key());
        } else if (decoded instanceof Kick e) {
            rooms.kick(utf8(e.room()), e.memberId());
        } else if (decoded instanceof Notice e) {
            rooms.applyNotice(utf8(e.room()), e.line());
        } else if (decoded instanceof NodeGone e) {
            nodeGone(e.node(), e.keepIncarnation(), now);
        }
    }

    private void claimNick(ClaimNick e) {
        if (members.containsKey(e.key())) {
            return; // a second request of a session that has a nick; its intake refuses those
        }
        RoomSession ownSession = e.key().node().equals(nodeId) ? own.get(e.key()) : null;
        int memberId = rooms.allocateMemberId();
        RoomSession session;
        if (ownSession != null) {
            ownSession.assignMemberId(memberId);
            session = ownSession;
        } else {
            session = new RemoteMember(e.key(), memberId, e.flags());
        }
        Optional<String> nick = rooms.validNick(e.nick());
        NickOutcome outcome = nick.isEmpty() ? NickOutcome.INVALID : rooms.applyNick(session, nick.get());
        if (outcome == NickOutcome.ACCEPTED) {
            members.put(e.key(), session);
        }
        if (ownSession != null) {
            ownSession.nickDecided(e.uid(), outcome);
        }
    }

    private void join(Join e) {
        RoomSession session = members.get(e.key());
        if (session == null) {
            RoomSession ownSession = own.get(e.key());
            if (ownSession != null) {
                ownSession.joinDecided(e.uid(), JoinOutcome.NO_NICK);
            }
            return;
        }
        Optional<String> name = rooms.validRoomName(e.room());
        JoinOutcome outcome = name.isEmpty() ? JoinOutcome.INVALID_NAME : rooms.applyJoin(session, e.uid(), name.get());
        if (session.local()) {
            session.joinDecided(e.uid(), outcome);
        }
    }

    private void leave(SessionKey key) {
        own.remove(key);
        RoomSession session = members.remove(key);
        if (session != null) {
            rooms.disconnected(session);
        }
    }

    /**
     * Every member of {@code node} (but those of process {@code keepIncarnation}) departs, in member id order, as
     * on every node; a room they leave empty stays dormant with its history. This node's are cut off too.
     */
    private void nodeGone(String node, long keepIncarnation, long now) {
        List<Map.Entry<SessionKey, RoomSession>> gone = members.entrySet().stream()
                .filter(entry -> entry.getKey().node().equals(node)
                        && entry.getKey().incarnation() != keepIncarnation)
                .sorted(Comparator.comparingInt(entry -> entry.getValue().memberId()))
                .toList();
        for (Map.Entry<SessionKey, RoomSession> entry : gone) {
            own.remove(entry.getKey());
            members.remove(entry.getKey());
            if (dormantRetention > 0) {
                rooms.departed(entry.getValue(), now);
            } else {
                rooms.disconnected(entry.getValue());
            }
            if (entry.getValue().local()) {
                entry.getValue().endByCluster(ClusterEnd.RESTART, "the cluster declared node " + node + " gone");
            }
        }
    }

    @Override
    public byte[] snapshot() {
        Map<Integer, SessionKey> keys = new HashMap<>();
        members.forEach((key, session) -> keys.put(session.memberId(), key));
        RoomsState state = rooms.export();
        List<RoomsSnapshot.Member> snapshotMembers = new ArrayList<>();
        for (RoomsState.MemberState m : state.members()) {
            SessionKey key = keys.get(m.session().memberId());
            if (key != null) {
                snapshotMembers.add(new RoomsSnapshot.Member(key, m.session().memberId(), m.nick(),
                        m.session().memberFlags(), m.joinedOnce()));
            }
        }
        return new RoomsSnapshot(state.nextMemberId(), snapshotMembers, state.rooms()).encode();
    }

    /**
     * Replaces the state with {@code bytes} (empty: no rooms). This node's sessions that the snapshot holds in the
     * same room stay, and are told the roster changes they missed; those it held before but the snapshot does not
     * (or not in that room) are closed with 1012 (the cluster forgot them, so their
     * clients reconnect and join afresh); members the snapshot attributes to this node but that no session of this
     * process is behind (a previous process's) are made to leave through the channel, so every node drops them.
     */
    @Override
    public void restore(byte[] bytes) {
        RoomsSnapshot snapshot;
        if (bytes.length == 0) {
            snapshot = new RoomsSnapshot(Rooms.FIRST_MEMBER_ID, List.of(), List.of());
        } else {
            try {
                snapshot = RoomsSnapshot.decode(bytes);
            } catch (RoomsCodecException e) {
                log.warn("rooms snapshot of {} bytes not restored, starting empty: {}", bytes.length, e.getMessage());
                snapshot = new RoomsSnapshot(Rooms.FIRST_MEMBER_ID, List.of(), List.of());
            }
        }
        List<RoomSession> ownBefore = members.values().stream().filter(RoomSession::local).toList();
        Rosters rostersBefore = Rosters.of(rooms.export());
        members.clear();
        List<RoomsState.MemberState> states = new ArrayList<>();
        boolean staleOwn = false;
        Set<String> goneNodes = new TreeSet<>();
        for (RoomsSnapshot.Member m : snapshot.members()) {
            RoomSession ownSession = m.key().node().equals(nodeId) ? own.get(m.key()) : null;
            RoomSession session;
            if (ownSession != null) {
                ownSession.assignMemberId(m.memberId());
                session = ownSession;
            } else {
                session = new RemoteMember(m.key(), m.memberId(), m.flags());
                if (m.key().node().equals(nodeId)) {
                    staleOwn |= m.key().incarnation() != incarnation;
                } else if (!nodeLive.test(m.key().node())) {
                    goneNodes.add(m.key().node());
                }
            }
            members.put(m.key(), session);
            states.add(new RoomsState.MemberState(session, m.nick(), m.joinedOnce()));
        }
        rooms.restore(new RoomsState(snapshot.nextMemberId(), states, snapshot.rooms()));
        Rosters rostersAfter = Rosters.of(rooms.export());
        for (RoomSession session : ownBefore) {
            if (!members.containsValue(session)
                    || !Objects.equals(rostersBefore.roomOf(session), rostersAfter.roomOf(session))) {
                own.values().remove(session);
                session.endByCluster(ClusterEnd.RESTART, "the cluster's rooms state no longer holds this member");
            } else {
                tellRosterChanges(session, rostersBefore, rostersAfter);
            }
        }
        // members of a previous process of this node, and of nodes gone while nobody was there to see it
        if (staleOwn) {
            submitFromOwner(new NodeGone(nodeId, incarnation));
        }
        goneNodes.forEach(node -> submitFromOwner(new NodeGone(node, 0)));
        reconcile();
    }

    /**
     * A member of this node that stays in its room across a restore learns who left ({@code _DEL_USER}) and who
     * joined ({@code _NEW_USER}) meanwhile, as if it had seen those changes one by one.
     */
    private static void tellRosterChanges(RoomSession session, Rosters before, Rosters after) {
        String room = after.roomOf(session);
        if (room == null) {
            return;
        }
        Map<Integer, RoomsState.MemberState> was = before.roster(room);
        Map<Integer, RoomsState.MemberState> is = after.roster(room);
        was.forEach((id, m) -> {
            if (!is.containsKey(id)) {
                session.send(TPacket.delUser(id, m.nick().getBytes(StandardCharsets.UTF_8)));
            }
        });
        is.forEach((id, m) -> {
            if (!was.containsKey(id)) {
                session.send(TPacket.newUser(id, m.nick().getBytes(StandardCharsets.UTF_8),
                        m.session().memberFlags()));
            }
        });
    }

    /** Each room's members (by id, in join order) and each member's room, as one export shows them. */
    private record Rosters(Map<String, Map<Integer, RoomsState.MemberState>> rosters,
                           Map<RoomSession, String> roomOfSession) {

        static Rosters of(RoomsState state) {
            Map<Integer, RoomsState.MemberState> byId = new HashMap<>();
            state.members().forEach(m -> byId.put(m.session().memberId(), m));
            Map<String, Map<Integer, RoomsState.MemberState>> rosters = new HashMap<>();
            Map<RoomSession, String> roomOfSession = new IdentityHashMap<>();
            for (RoomsState.RoomState room : state.rooms()) {
                Map<Integer, RoomsState.MemberState> roster = new LinkedHashMap<>();
                for (int id : room.memberIds()) {
                    RoomsState.MemberState m = byId.get(id);
                    if (m != null) {
                        roster.put(id, m);
                        roomOfSession.put(m.session(), room.name());
                    }
                }
                rosters.put(room.name(), roster);
            }
            return new Rosters(rosters, roomOfSession);
        }

        String roomOf(RoomSession session) {
            return roomOfSession.get(session);
        }

        Map<Integer, RoomsState.MemberState> roster(String room) {
            return rosters.getOrDefault(room, Map.of());
        }
    }

    /**
     * Members the cluster attributes to this process with no live session behind them (a session whose leave could
     * not be submitted during an outage) are made to leave; a previous process's are declared gone by
     * {@link #restore}. On the owner thread.
     */
    public void reconcile() {
        members.keySet().stream()
                .filter(key -> key.node().equals(nodeId) && key.incarnation() == incarnation && !own.containsKey(key))
                .sorted(Comparator.comparingLong(SessionKey::sequence))
                .forEach(key -> submitFromOwner(new Leave(key)));
    }

    /** Submits an event the state itself found due; on the owner thread. A failure is retried by a later reconcile. */
    private void submitFromOwner(RoomsEvent event) {
        if (replicatedLog == null) {
            dueBeforeAttach.add(event);
            return;
        }
        replicatedLog.submit(RoomsEventCodec.encode(event)).whenComplete((id, failure) -> {
            if (failure != null) {
                log.debug("{} not submitted: {}", event.getClass().getSimpleName(), failure.toString());
            }
        });
    }

    /** The time part of a channel event id ({@code <ms>-<seq>}, by Redis's clock): the same on every node. */
    static long clusterTime(String eventId) {
        int dash = eventId.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? eventId : eventId.substring(0, dash));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
