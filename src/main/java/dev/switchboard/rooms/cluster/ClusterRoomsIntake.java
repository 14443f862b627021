package dev.switchboard.rooms.cluster;

import dev.switchboard.cluster.ReplicatedLog;
import dev.switchboard.rooms.cluster.RoomsEvent.ClaimNick;
import dev.switchboard.rooms.cluster.RoomsEvent.Join;
import dev.switchboard.rooms.cluster.RoomsEvent.Kick;
import dev.switchboard.rooms.cluster.RoomsEvent.Leave;
import dev.switchboard.rooms.cluster.RoomsEvent.NodeGone;
import dev.switchboard.rooms.cluster.RoomsEvent.Notice;
import dev.switchboard.rooms.cluster.RoomsEvent.Say;
import dev.switchboard.rooms.service.MemberLocation;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.RoomSession.ClusterEnd;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import dev.switchboard.rooms.service.Rooms.NoticeOutcome;
import dev.switchboard.rooms.service.Rooms.SayOutcome;
import dev.switchboard.rooms.service.RoomsIntake;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake of the rooms service on a cluster: it checks what needs only the request and this node's copy of the
 * state, then submits the change on the {@code rooms} channel; {@link RoomsReplica} applies it on every node when
 * the channel delivers it, this node included. A nick request or join answers {@code PENDING}: its outcome reaches
 * the session from the replica. While this node's copy is not in sync (joining, resynchronising, Redis away) new
 * sessions are refused; a session whose request cannot be submitted is closed with 1013 (try again later).
 */
public final class ClusterRoomsIntake implements RoomsIntake {

    private static final Logger log = LoggerFactory.getLogger(ClusterRoomsIntake.class);

    private final Rooms rooms;
    private final RoomsReplica replica;
    private final Executor owner;
    private final String nodeId;
    private final long incarnation;
    private final AtomicLong sequence = new AtomicLong();
    /** The key of each session of this node that asked for a nick, until it ends. */
    private final Map<RoomSession, SessionKey> keys = new ConcurrentHashMap<>();
    private volatile ReplicatedLog replicatedLog;
    /** Set while the gateway shuts down: this node takes no more joins or messages. */
    private volatile boolean sealed;

    public ClusterRoomsIntake(Rooms rooms, RoomsReplica replica, Executor owner, String nodeId, long incarnation) {
        this.rooms = rooms;
        this.replica = replica;
        this.owner = owner;
        this.nodeId = nodeId;
        this.incarnation = incarnation;
    }

    /** The channel to submit on, made by {@code Backplane.replicate} with {@link #replica}. */
    public void attach(ReplicatedLog replicated) {
        this.replicatedLog = replicated;
        owner.execute(() -> replica.attach(replicated));
    }

    @Override
    public int memberIdAtUpgrade() {
        return 0;
    }

    @Override
    public NickOutcome setNick(RoomSession session, int uid, byte[] rawNick) {
        if (keys.containsKey(session) && rooms.hasNick(session.memberId())) {
            return NickOutcome.ALREADY_SET;
        }
        if (rooms.validNick(rawNick).isEmpty()) {
            return NickOutcome.INVALID;
        }
        SessionKey key = keys.computeIfAbsent(session, s -> new SessionKey(nodeId, incarnation,
                sequence.incrementAndGet()));
        replica.register(key, session);
        submit(session, new ClaimNick(key, uid, rawNick.clone(), session.memberFlags()));
        return NickOutcome.PENDING;
    }

    @Override
    public JoinOutcome join(RoomSession session, int uid, byte[] rawRoomName) {
        SessionKey key = keys.get(session);
        if (key == null || !rooms.hasNick(session.memberId())) {
            return JoinOutcome.NO_NICK;
        }
        if (rooms.hasJoined(session.memberId())) {
            return JoinOutcome.ALREADY_JOINED;
        }
        if (rooms.validRoomName(rawRoomName).isEmpty()) {
            return JoinOutcome.INVALID_NAME;
        }
        if (sealed) {
            return JoinOutcome.ROOM_SEALED;
        }
        submit(session, new Join(key, uid, rawRoomName.clone()));
        return JoinOutcome.PENDING;
    }

    @Override
    public SayOutcome say(RoomSession session, byte[] text) {
        SessionKey key = keys.get(session);
        SayOutcome refused = key == null ? SayOutcome.NOT_IN_ROOM : rooms.checkSay(session.memberId(), text);
        if (refused != null) {
            return refused;
        }
        if (sealed) {
            return SayOutcome.ROOM_SEALED;
        }
        submit(session, new Say(key, text.clone()));
        return SayOutcome.SENT;
    }

    @Override
    public void disconnected(RoomSession session) {
        SessionKey key = keys.remove(session);
        if (key != null && !sealed) {
            replica.unregister(key);
            // a leave that cannot be submitted now is submitted by the reconciliation when the backplane returns
            submit(null, new Leave(key));
        }
    }

    @Override
    public void seal(RoomSession session) {
        // Sealing decides nothing of the shared state: sealAll, which comes first on shutdown, stops the intake.
    }

    /**
     * The gateway is shutting down: this node takes no more joins or messages, and its members depart together as
     * those of a node that went away (rather than each leaving as it is closed), so a room they leave empty keeps
     * its history for them to find when they reconnect to another node, or to this one restarted.
     */
    @Override
    public void sealAll() {
        if (!sealed) {
            sealed = true;
            submit(null, new NodeGone(nodeId, 0));
        }
    }

    @Override
    public void reopen() {
        sealed = false;
    }

    @Override
    public boolean kick(String room, int memberId) {
        Optional<MemberLocation> location = rooms.locate(memberId);
        if (location.isEmpty() || !room.equals(location.get().room())) {
            return false;
        }
        return submit(null, new Kick(room.getBytes(StandardCharsets.UTF_8), memberId));
    }

    @Override
    public NoticeOutcome notice(String room, String text) {
        byte[] line = rooms.noticeLine(text);
        if (line == null) {
            return NoticeOutcome.INVALID_TEXT;
        }
        if (rooms.members(room).isEmpty() || sealed) {
            return NoticeOutcome.NO_SUCH_ROOM;
        }
        return submit(null, new Notice(room.getBytes(StandardCharsets.UTF_8), line)) ? NoticeOutcome.POSTED
                : NoticeOutcome.NO_SUCH_ROOM;
    }

    @Override
    public boolean accepting() {
        ReplicatedLog replicated = replicatedLog;
        return replicated != null && replicated.synced();
    }

    /** Another node is gone: every survivor submits it; applying it a second time changes nothing. */
    public void nodeGone(String node) {
        if (!node.equals(nodeId)) {
            submit(null, new NodeGone(node, 0));
        }
    }

    /** The backplane is back: members the cluster still holds for this node without a live session leave. */
    public void backplaneReturned() {
        owner.execute(replica::reconcile);
    }

    /**
     * The backplane stayed away too long: every session of this node is closed with 1012, so its client reconnects,
     * to a node that can reach the others if this one still cannot.
     */
    public void cutOff(String why) {
        keys.forEach((session, key) -> {
            // no longer this node's member, even before its connection has finished closing: when the backplane
            // returns, the reconciliation makes it leave everywhere
            replica.unregister(key);
            session.endByCluster(ClusterEnd.RESTART, why);
        });
    }

    /**
     * Submits {@code event}; when the channel refuses it (not in sync, or the backplane is away) the requesting
     * session, if any, is closed with 1013. False when refused at once.
     */
    private boolean submit(RoomSession session, RoomsEvent event) {
        ReplicatedLog replicated = replicatedLog;
        if (replicated == null || !replicated.synced()) {
            refused(session, event, "the rooms state of this node is not in sync with the cluster");
            return false;
        }
        replicated.submit(RoomsEventCodec.encode(event)).whenComplete((id, failure) -> {
            if (failure != null) {
                refused(session, event, failure.getMessage());
            }
        });
        return true;
    }

    private static void refused(RoomSession session, RoomsEvent event, String why) {
        log.debug("rooms event {} not submitted: {}", event.getClass().getSimpleName(), why);
        if (session != null) {
            session.endByCluster(ClusterEnd.TRY_LATER, "rooms cluster unavailable: " + why);
        }
    }
}
