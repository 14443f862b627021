package dev.switchboard.bridge.service;

import dev.switchboard.bridge.service.BridgeMetrics.Direction;
import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.bridge.service.BridgeMetrics.MappingFailure;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.RoomsIntake;
import dev.switchboard.rooms.service.RoomsObserver;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaObserver;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the SEA group and one room a single conversation. Every browser member of the room is a SEA user (a
 * {@link WebSeaLink} logged in through the SEA service like any client, so IDs, bans, the blacklist, connection
 * classes and flood control apply to it); every logged-in SEA user is a member of the room (a
 * {@link SeaRoomSession} with a nick of its own). Group messages cross both ways; a SEA private message to a
 * browser member's ID reaches that browser only, marked as private.
 *
 * <p>Threading: all bridge state is owned by the SEA roster executor, which already owns the SEA side. SEA events
 * arrive there; room events arrive under a room's lock and are handed over to it, so the bridge never calls into
 * the rooms service from a room lock nor into the SEA service off its executor. Identities the bridge created
 * are recognised by identity and never mirrored back, so nothing loops.
 */
public final class BridgeService implements SeaObserver, RoomsObserver {

    private static final Logger log = LoggerFactory.getLogger(BridgeService.class);
    /** A bridged browser member reports itself as the newest SEA client version (every feature, big messages). */
    static final byte WEB_VERSION = 102;
    private static final SeaBytes BLANK_ROOM = SeaBytes.latin1("     ");
    private static final byte[] PRIVATE_MARK = "[private] ".getBytes(StandardCharsets.UTF_8);

    private final SeaService sea;
    private final Rooms rooms;
    /** Where the mirrored SEA users' requests go: {@link Rooms} itself on one node; the cluster's intake otherwise. */
    private final RoomsIntake intake;
    private final Executor seaExecutor;
    private final String room;
    private final byte[] roomName;
    private final SeaBytes webComputerName;
    private final int maxPieces;
    private final int roomTextMaxBytes;
    private final int roomNickMaxBytes;
    private final SeaCharsetText charset;
    private final SeaMessageText messageText;
    private final BridgedNames names;
    private final BridgeMetrics metrics;

    // Owned by the SEA roster executor.
    /** Browser members of the bridged room, by member id, in join order. */
    private final Map<Integer, WebSeaLink> web = new LinkedHashMap<>();
    /** SEA users mirrored into the room, by SEA ID, in login order. */
    private final Map<Integer, SeaRoomSession> seaMembers = new LinkedHashMap<>();
    private final Map<Integer, SeaRoomSession> seaMembersByMemberId = new HashMap<>();
    /** SEA users whose nick or join a cluster is still deciding, by SEA ID. */
    private final Map<Integer, SeaRoomSession> seaMembersPending = new HashMap<>();

    public BridgeService(SeaService sea, Rooms rooms, Executor seaExecutor, Settings settings, BridgeMetrics metrics) {
        this(sea, rooms, rooms, seaExecutor, settings, metrics);
    }

    public BridgeService(SeaService sea, Rooms rooms, RoomsIntake intake, Executor seaExecutor, Settings settings,
            BridgeMetrics metrics) {
        this.sea = sea;
        this.rooms = rooms;
        this.intake = intake;
        this.seaExecutor = seaExecutor;
        this.room = settings.room();
        this.roomName = settings.room().getBytes(StandardCharsets.UTF_8);
        this.charset = settings.charset();
        this.webComputerName = SeaBytes.of(charset.toSea(settings.webComputerName()).bytes());
        this.maxPieces = settings.maxPieces();
        this.roomTextMaxBytes = settings.roomTextMaxBytes();
        this.roomNickMaxBytes = settings.roomNickMaxBytes();
        this.messageText = new SeaMessageText(charset);
        this.names = new BridgedNames(charset);
        this.metrics = metrics;
    }

    /** What the bridge needs to know of its own and the two protocols' settings. */
    public record Settings(String room, SeaCharsetText charset, String webComputerName, int maxPieces,
            int roomTextMaxBytes, int roomNickMaxBytes) {
    }

    /** Starts mirroring: registers with both services and mirrors the SEA users already logged in. */
    public void start() {
        rooms.subscribe(this);
        seaExecutor.execute(() -> {
            sea.subscribe(this);
            for (SeaUser user : sea.sessions()) {
                if (user.loggedIn()) {
                    loggedIn(user);
                }
            }
        });
    }

    // ---------------------------------------------------------------- SEA → room (on the SEA executor)

    /**
     * Mirrors a SEA user into the room. In a cluster only this node's own SEA users: every node mirrors its own, so
     * each user appears in the room once, and their group messages are forwarded once, by the node that owns them
     * (every callback below acts on mirrored users only).
     */
    @Override
    public void loggedIn(SeaUser user) {
        if (!user.local() || isWebIdentity(user) || seaMembers.containsKey(user.id())
                || seaMembersPending.containsKey(user.id())) {
            return;
        }
        SeaRoomSession member = new SeaRoomSession(this, user, intake.memberIdAtUpgrade());
        seaMembersPending.put(user.id(), member);
        tryNick(member);
    }

    /** Whether {@code user} is the SEA side of one of this bridge's browser members (never mirrored back). */
    private static boolean isWebIdentity(SeaUser user) {
        return user.link() instanceof WebSeaLink;
    }

    /**
     * Asks for the mirrored member's next nick: the SEA name itself, else a stable variant, else the variant and ID.
     * On one node the answer comes at once; on a cluster through {@link #nickDecided}, on the SEA executor.
     */
    private void tryNick(SeaRoomSession member) {
        SeaUser user = member.user();
        String nick = names.roomNick(user.username().toByteArray(), user.id(), member.refusedNicks()::contains,
                roomNickMaxBytes);
        member.nick(nick);
        Rooms.NickOutcome outcome = intake.setNick(member, 0, nick.getBytes(StandardCharsets.UTF_8));
        if (outcome != Rooms.NickOutcome.PENDING) {
            nickDecided(member, outcome);
        }
    }

    /** The mirrored member's nick was decided. On the SEA executor. */
    void nickDecided(SeaRoomSession member, Rooms.NickOutcome outcome) {
        SeaUser user = member.user();
        if (seaMembersPending.get(user.id()) != member) {
            return; // logged out meanwhile
        }
        if (outcome != Rooms.NickOutcome.ACCEPTED) {
            member.refusedNicks().add(member.nick());
            if (member.refusedNicks().size() < 3) {
                tryNick(member);
                return;
            }
            seaMembersPending.remove(user.id());
            log.warn("Bridge: no room nick for SEA user {} (tried {})", user, member.refusedNicks());
            metrics.mappingFailed(MappingFailure.IDENTITY_REFUSED);
            intake.disconnected(member);
            return;
        }
        if (!member.refusedNicks().isEmpty()
                || !member.nick().equals(charset.toUnicode(user.username().toByteArray()).text())) {
            metrics.mappingFailed(MappingFailure.NAME_VARIANT);
        }
        Rooms.JoinOutcome joined = intake.join(member, 0, roomName);
        if (joined != Rooms.JoinOutcome.PENDING) {
            joinDecided(member, joined);
        }
    }

    /** The mirrored member's join was decided. On the SEA executor. */
    void joinDecided(SeaRoomSession member, Rooms.JoinOutcome joined) {
        SeaUser user = member.user();
        if (seaMembersPending.get(user.id()) != member) {
            return; // logged out meanwhile
        }
        seaMembersPending.remove(user.id());
        if (joined != Rooms.JoinOutcome.JOINED) {
            log.warn("Bridge: SEA user {} could not join room {}: {}", user, room, joined);
            metrics.mappingFailed(MappingFailure.IDENTITY_REFUSED);
            intake.disconnected(member);
            return;
        }
        seaMembers.put(user.id(), member);
        seaMembersByMemberId.put(member.memberId(), member);
    }

    /** A cluster decision about {@code member} reached the rooms thread: the bridge takes it on the SEA executor. */
    void onSeaExecutor(Runnable decision) {
        seaExecutor.execute(decision);
    }

    @Override
    public void loggedOut(SeaUser user) {
        SeaRoomSession pending = seaMembersPending.remove(user.id());
        if (pending != null) {
            pending.leaving();
            intake.disconnected(pending);
        }
        SeaRoomSession member = seaMembers.remove(user.id());
        if (member != null) {
            seaMembersByMemberId.remove(member.memberId());
            member.leaving();
            intake.disconnected(member);
        }
    }

    /** Rooms cannot rename a member: the old identity leaves and one with the new name joins. */
    @Override
    public void renamed(SeaUser user) {
        if (seaMembers.containsKey(user.id())) {
            loggedOut(user);
            loggedIn(user);
        }
    }

    @Override
    public void groupMessage(SeaUser sender, SendMessage message) {
        SeaRoomSession member = seaMembers.get(sender.id());
        if (member == null) {
            return;
        }
        SeaCharsetText.Decoded text = messageText.plainText(message.text().toByteArray());
        if (text.replaced() > 0) {
            metrics.mappingFailed(MappingFailure.TEXT_REPLACED);
        }
        int nickBytes = member.nick().getBytes(StandardCharsets.UTF_8).length;
        // The room's line "<nick>: <text>" must fit what its clients display (rooms spec §8).
        int pieceBytes = Math.max(8, Math.min(roomTextMaxBytes, 255 - nickBytes - 2));
        List<String> pieces = RoomMessageSplitter.split(text.text(), pieceBytes, maxPieces);
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).endsWith(RoomMessageSplitter.TRUNCATED)) {
            metrics.mappingFailed(MappingFailure.TEXT_TRUNCATED);
        }
        for (String piece : pieces) {
            Rooms.SayOutcome said = intake.say(member, piece.getBytes(StandardCharsets.UTF_8));
            if (said == Rooms.SayOutcome.SENT) {
                metrics.bridged(Direction.SEA_TO_ROOM);
            } else {
                log.warn("Bridge: room {} refused a message of SEA user {}: {}", room, sender, said);
                metrics.mappingFailed(MappingFailure.REFUSED);
            }
        }
    }

    /** A SEA message reached a browser member's SEA identity: only private ones are shown (group ones cross once). */
    void deliveredToWeb(WebSeaLink link, SeaServerMessage message) {
        if (message instanceof SeaServerMessage.Message m && m.privateMessage() && !m.printers()) {
            SeaRoomSession from = seaMembers.get(m.senderId());
            int fromMember = from != null ? from.memberId() : link.memberId();
            SeaCharsetText.Decoded text = messageText.plainText(m.text().toByteArray());
            if (text.replaced() > 0) {
                metrics.mappingFailed(MappingFailure.TEXT_REPLACED);
            }
            byte[] body = text.text().getBytes(StandardCharsets.UTF_8);
            byte[] marked = Arrays.copyOf(PRIVATE_MARK, PRIVATE_MARK.length + body.length);
            System.arraycopy(body, 0, marked, PRIVATE_MARK.length, body.length);
            link.session().send(TPacket.newMsg(fromMember, marked));
            metrics.bridged(Direction.SEA_TO_ROOM);
        } else if (message instanceof SeaServerMessage.Pong) {
            // The roster pings idle sessions before it ends them; a browser member that is still in the room is alive.
            seaExecutor.execute(() -> handle(link, SeaRequest.exact(0, new Ping())));
        }
    }

    /** The SEA side ended a browser member's identity (kill, ban, blacklist, flood): it leaves the room too. */
    void seaClosedWeb(WebSeaLink link, CloseReason reason, String detail) {
        if (web.remove(link.memberId()) != null) {
            log.info("Bridge: SEA ended browser member {}'s identity ({}{}); kicking it from room {}", link.memberId(),
                    reason.tag(), detail == null || detail.isEmpty() ? "" : ": " + detail, room);
            link.session().kick("removed on the SEA side: " + reason.tag());
        }
    }

    // ---------------------------------------------------------------- room → SEA (handed to the SEA executor)

    @Override
    public void joined(String roomName, RoomSession session, String nick) {
        if (mirrorsToSea(roomName, session)) {
            seaExecutor.execute(() -> webJoined(session, nick));
        }
    }

    @Override
    public void left(String roomName, RoomSession session, String nick) {
        if (mirrorsToSea(roomName, session)) {
            seaExecutor.execute(() -> webLeft(session));
        }
    }

    @Override
    public void said(String roomName, RoomSession session, String nick, byte[] text) {
        if (mirrorsToSea(roomName, session)) {
            seaExecutor.execute(() -> webSaid(session, text));
        }
    }

    /**
     * Whether a change of {@code session} in {@code roomName} crosses to SEA here: a browser member of the bridged
     * room on this node. On a cluster each node mirrors its own members (the others' are mirrored by their node),
     * and a member of another node that stands for a SEA user is never mirrored back.
     */
    private boolean mirrorsToSea(String roomName, RoomSession session) {
        return room.equals(roomName) && session.local() && !(session instanceof SeaRoomSession);
    }

    private void webJoined(RoomSession session, String nick) {
        WebSeaLink link = new WebSeaLink(this, session);
        SeaUser user = sea.accept(link, session.remoteAddress(), 0);
        if (user == null) {
            metrics.mappingFailed(MappingFailure.IDENTITY_REFUSED);
            session.kick("refused on the SEA side");
            return;
        }
        link.user(user);
        web.put(session.memberId(), link);
        BridgedNames.SeaName name = names.seaName(nick, session.memberId(), this::seaNameTaken);
        if (name.variant()) {
            metrics.mappingFailed(MappingFailure.NAME_VARIANT);
        }
        handle(link, SeaRequest.exact(3 + name.bytes().length + webComputerName.length(),
                new Login(SeaBytes.of(name.bytes()), webComputerName)));
        // Still open: logged in, or (in a cluster) its login is on its way and the info follows it in order.
        if (user.state() != SeaUser.State.CLOSED) {
            // What a USERINFO request about this member shows: no faculty, a blank room, where the member is.
            byte[] info = charset.toSea("browser member of room " + room).bytes();
            info = Arrays.copyOf(info, Math.min(info.length, 255));
            handle(link, SeaRequest.exact(9 + info.length,
                    new SetUserInfo(0, BLANK_ROOM, SeaBytes.adopt(info), WEB_VERSION)));
        }
    }

    private boolean seaNameTaken(byte[] name) {
        for (SeaUser user : sea.sessions()) {
            if (user.loggedIn() && user.username().contentEquals(name)) {
                return true;
            }
        }
        return false;
    }

    private void webLeft(RoomSession session) {
        WebSeaLink link = web.remove(session.memberId());
        if (link != null && link.user() != null) {
            link.leaving();
            sea.disconnected(link.user());
        }
    }

    private void webSaid(RoomSession session, byte[] text) {
        WebSeaLink link = web.get(session.memberId());
        if (link == null) {
            return;
        }
        SeaCharsetText.Encoded bytes = charset.toSea(new String(text, StandardCharsets.UTF_8));
        if (bytes.replaced() > 0) {
            metrics.mappingFailed(MappingFailure.TEXT_REPLACED);
        }
        SeaRequest request = SeaRequest.exact(7 + bytes.bytes().length,
                new SendMessage(0, 0, SeaBytes.of(bytes.bytes()), SeaBytes.EMPTY));
        if (link.paused()) {
            if (!link.hold(request)) {
                metrics.mappingFailed(MappingFailure.REFUSED);
                session.send(TPacket.newMsg(session.memberId(),
                        "[not delivered to SEA: flood control]".getBytes(StandardCharsets.UTF_8)));
            }
            return;
        }
        handle(link, request);
        metrics.bridged(Direction.ROOM_TO_SEA);
    }

    /** A throttled browser member's pause ended: its held messages go to SEA in order. */
    void resumed(WebSeaLink link) {
        SeaRequest held;
        while (!link.paused() && (held = link.nextHeld()) != null) {
            handle(link, held);
            metrics.bridged(Direction.ROOM_TO_SEA);
        }
    }

    private void handle(WebSeaLink link, SeaRequest request) {
        SeaUser user = link.user();
        if (user != null && user.state() != SeaUser.State.CLOSED) {
            sea.handle(user, request);
        }
    }

    /** An operator kicked a mirrored SEA user out of the room: the SEA session ends too. */
    void roomKickedSea(SeaRoomSession member, String reason) {
        seaExecutor.execute(() -> {
            if (seaMembers.get(member.user().id()) == member) {
                log.info("Bridge: SEA user {} kicked from room {} ({}); ending the SEA session", member.user(), room,
                        reason);
                sea.kill(member.user(), SeaCloseReason.ADMIN, "kicked from bridged room " + room + " (" + reason + ")");
            }
        });
    }

    /** The cluster dropped a mirrored SEA user from the room: it is no longer mirrored (SEA decides on its session). */
    void roomDroppedSea(SeaRoomSession member, String why) {
        SeaUser user = member.user();
        if (seaMembersPending.get(user.id()) == member) {
            seaMembersPending.remove(user.id());
        } else if (seaMembers.get(user.id()) == member) {
            seaMembers.remove(user.id());
            seaMembersByMemberId.remove(member.memberId());
        } else {
            return;
        }
        member.leaving();
        intake.disconnected(member);
        log.info("Bridge: SEA user {} no longer mirrored into room {}: {}", user, room, why);
    }

    // ---------------------------------------------------------------- views (any thread, via the SEA executor)

    /** The bridged identities on each side, for operators; read on the SEA executor that owns them. */
    public CompletableFuture<Snapshot> snapshot() {
        return CompletableFuture.supplyAsync(this::currentSnapshot, seaExecutor);
    }

    private Snapshot currentSnapshot() {
        List<Identity> webSide = new ArrayList<>();
        for (WebSeaLink link : web.values()) {
            SeaUser user = link.user();
            webSide.add(new Identity(link.memberId(), user == null ? 0 : user.id(),
                    user == null ? "" : charset.toUnicode(user.username().toByteArray()).text()));
        }
        List<Identity> seaSide = new ArrayList<>();
        for (SeaRoomSession member : seaMembers.values()) {
            seaSide.add(new Identity(member.memberId(), member.user().id(), member.nick()));
        }
        return new Snapshot(room, webSide, seaSide);
    }

    /** One bridged identity: its member id, its SEA ID and the name the other side sees. */
    public record Identity(int memberId, int seaId, String name) {
    }

    /** The bridge's state: browser members shown on SEA, SEA users shown in the room. */
    public record Snapshot(String room, List<Identity> webMembersOnSea, List<Identity> seaUsersInRoom) {
    }
}
