package dev.switchboard.sea.service;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.sea.message.Away;
import dev.switchboard.sea.message.Chat;
import dev.switchboard.sea.message.ChatCancel;
import dev.switchboard.sea.message.LinkRequest;
import dev.switchboard.sea.message.Login;
import dev.switchboard.sea.message.Malformed;
import dev.switchboard.sea.message.Mute;
import dev.switchboard.sea.message.Ping;
import dev.switchboard.sea.message.PrintersJoin;
import dev.switchboard.sea.message.PrintersLeave;
import dev.switchboard.sea.message.Rename;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaCommand;
import dev.switchboard.sea.message.SeaIds;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.message.SeaServerMessage;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.message.SendMessage;
import dev.switchboard.sea.message.SetUserInfo;
import dev.switchboard.sea.message.Unaway;
import dev.switchboard.sea.message.UnknownCommand;
import dev.switchboard.sea.message.UserInfoRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The SEA server's rules and state: roster, delivery, away replay, chat relay, mute, rename, user info,
 * link, flood control, idle timeouts and admission (spec §3–§12).
 *
 * <p><b>Threading.</b> Every method runs on the one SEA roster executor (a single thread shared by all
 * SEA connections). That is what gives the global order of §4.5: a roster change and the writes it
 * causes are queued to every recipient's channel before the next event is looked at, so no client can
 * see a MESSAGE/AWAY/RENAME from a user before its ADDUSER or after its DELETEUSER, and a USERLIST is an
 * exact snapshot. The class therefore uses plain collections and no locks; callers from other threads
 * (administration, timers) must hop onto the executor first.
 *
 * <p><b>Intake and apply.</b> The work is split in two. <i>Intake</i> is what only the node owning a connection
 * can do: admission, flood charging and throttling, format-error kills, login and idle timeouts, PING, LINK and
 * USERINFO requests (answered from the roster). Every change of the shared state and every delivery is an
 * <i>event</i> ({@link SeaRosterEvent}) that intake hands to the {@link SeaRosterLog}, and {@link #apply} carries
 * it out. With one node the log applies it at once, on this thread: exactly the old behaviour. In a cluster every
 * node applies every event in the log's order, its own included when it reads them back; applying depends only
 * on the state and the event (times come from the event, IDs from the replicated allocator), so every node's
 * roster is the same after the same event, and each node delivers to its own sessions only.
 */
public final class SeaService {

    private static final Logger log = LoggerFactory.getLogger(SeaService.class);
    private static final Duration FORCED_PONG_WINDOW = Duration.ofSeconds(10);

    private final Clock clock;
    private final SeaOutbound outbound;
    private final SeaMetrics metrics;
    private final SeaSettings settings;
    private final BanList bans;
    private final NameBlacklist blacklist;
    private final UserIdAllocator ids;
    private final SeaRosterLog rosterLog;
    private final Cluster cluster;
    private final Duration defaultLoginTimeout;
    private final SeaArchive archive;
    private List<ConnectionClass> classList;
    private ConnectionClasses classes;

    /** Logged-in sessions, most recent login first (§4.2). */
    private final LinkedList<SeaUser> roster = new LinkedList<>();
    private final Map<Integer, SeaUser> byId = new HashMap<>();
    /** Accepted sessions still logging in. */
    private final Set<SeaUser> pending = new LinkedHashSet<>();
    /** Every session that holds or waits for an ID, by key: pending and logged in, this node's and others'. */
    private final Map<SeaSessionKey, SeaUser> byKey = new HashMap<>();
    /** This node's admitted connections whose ID reservation has not come back yet (cluster only). */
    private final Map<SeaSessionKey, SeaUser> reserving = new HashMap<>();
    /** Leaves of this node's sessions that the log refused (backplane down); submitted again when it is back. */
    private final Set<SeaSessionKey> leavesToRetry = new LinkedHashSet<>();
    private long nextSequence;
    /** Roster size for the metrics gauge, which is read from the scrape thread. */
    private volatile int loggedInGauge;

    private final List<SeaObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * How this node takes part in a cluster.
     *
     * @param log         where events go: {@link SeaRosterLog#LOCAL} for a single node
     * @param nodeId      this node's id, the owner named in session keys
     * @param incarnation this run of the node (a restart under the same id gets a new one)
     * @param nodeTimeout how long the roster may stay out of sync before this node closes its sessions
     */
    public record Cluster(SeaRosterLog log, String nodeId, long incarnation, Duration nodeTimeout) {

        /** A single node: events are applied at once. */
        public static final Cluster LOCAL = new Cluster(SeaRosterLog.LOCAL, "", 0, Duration.ZERO);
    }

    public SeaService(Clock clock, SeaOutbound outbound, SeaMetrics metrics, SeaSettings settings, BanList bans,
                      NameBlacklist blacklist, List<ConnectionClass> connectionClasses, Duration defaultLoginTimeout,
                      UserIdAllocator ids, SeaArchive archive) {
        this(clock, outbound, metrics, settings, bans, blacklist, connectionClasses, defaultLoginTimeout, ids, archive,
                Cluster.LOCAL);
    }

    public SeaService(Clock clock, SeaOutbound outbound, SeaMetrics metrics, SeaSettings settings, BanList bans,
                      NameBlacklist blacklist, List<ConnectionClass> connectionClasses, Duration defaultLoginTimeout,
                      UserIdAllocator ids, SeaArchive archive, Cluster cluster) {
        this.cluster = cluster;
        this.rosterLog = cluster.log();
        this.clock = clock;
        this.outbound = outbound;
        this.metrics = metrics;
        this.settings = settings;
        this.bans = bans;
        this.blacklist = blacklist;
        this.ids = ids;
        this.defaultLoginTimeout = defaultLoginTimeout;
        this.archive = archive;
        this.classList = List.copyOf(connectionClasses);
        this.classes = buildClasses();
        metrics.bindGauges(() -> loggedInGauge, () -> bans.list().size());
    }

    private ConnectionClasses buildClasses() {
        return new ConnectionClasses(classList, ConnectionClass.everyAddress(defaultLoginTimeout,
                ConnectionClass.UNLIMITED, Duration.ofSeconds(settings.defaultMaxPenaltySeconds())));
    }

    /** Adds an observer of roster changes and group messages; call before the listeners start. */
    public void subscribe(SeaObserver observer) {
        observers.add(observer);
    }

    public SeaSettings settings() {
        return settings;
    }

    public BanList bans() {
        return bans;
    }

    public NameBlacklist blacklist() {
        return blacklist;
    }

    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- admission (§12)

    /**
     * A connection was accepted. Checks the ban list first, then the connection class's
     * {@code max_conns}, then reserves an ID; a refused connection is closed with nothing sent. In a cluster the
     * reservation is applied when it comes back through the roster log: the session starts reading then, and is
     * refused (closed) while this node's roster is not current.
     *
     * @return the new session, or null when the connection was refused and closed
     */
    public SeaUser accept(SeaLink link, InetAddress address, int port) {
        Instant now = clock.instant();
        String ipText = ipText(address);
        if (!rosterLog.synced()) {
            link.close(SeaCloseReason.CLUSTER_UNAVAILABLE, "the cluster roster is not available on this node");
            return null;
        }
        if (bans.isBanned(address, now)) {
            link.close(SeaCloseReason.BANNED, "address banned");
            return null;
        }
        ConnectionClass cls = classes.forAddress(address);
        if (!cls.admits(loggedInFrom(ipText))) {
            link.close(SeaCloseReason.MAX_CONNECTIONS, "connection class " + cls + " allows " + cls.maxConnections()
                    + " session(s) per address");
            return null;
        }
        SeaSessionKey key = new SeaSessionKey(cluster.nodeId(), cluster.incarnation(), ++nextSequence);
        SeaUser user = new SeaUser(key, true, address, ipText, port, link, cls,
                settings.floodPolicy().newMeter(cls, now), now);
        reserving.put(key, user);
        rosterLog.submit(this, new SeaRosterEvent.Reserve(key, address.getAddress(), port, now.toEpochMilli()));
        return user.state() == SeaUser.State.CLOSED ? null : user;
    }

    /** The login deadline of a just-accepted session (§10.1). */
    public Duration loginTimeout(SeaUser user) {
        return user.connectionClass().loginTimeout();
    }

    private int loggedInFrom(String ipText) {
        int count = 0;
        for (SeaUser u : roster) {
            if (u.ipText().equals(ipText)) {
                count++;
            }
        }
        return count;
    }

    static String ipText(InetAddress address) {
        OptionalInt bits = Ipv4Cidr.ipv4Bits(address);
        return bits.isPresent() ? Ipv4Cidr.dottedQuad(bits.getAsInt()) : address.getHostAddress();
    }

    // ---------------------------------------------------------------- commands (§5)

    /**
     * Bans a session's own address (/32) for {@code length}, or the ban timeout when null. Bans are IPv4
     * (§12.1, F37), so a session from a plain IPv6 address (listener bound to {@code ::}) is not banned:
     * before, {@link Ipv4Cidr#host} threw on the roster thread and the kill or sweep stopped half-way.
     */
    public Optional<BanEntry> banHostOf(SeaUser user, Duration length, Instant now) {
        if (Ipv4Cidr.ipv4Bits(user.address()).isEmpty()) {
            log.warn("SEA {} address {} cannot be banned: bans are IPv4 only", user, user.ipText());
            return Optional.empty();
        }
        Ipv4Cidr host = Ipv4Cidr.host(user.address());
        return Optional.of(length == null ? bans.add(host, now) : bans.add(host, length, now));
    }

    /** Processes one decoded frame of {@code user}, in arrival order. */
    public void handle(SeaUser user, SeaRequest request) {
        if (user.ending()) {
            return;
        }
        switch (user.state()) {
            case CLOSED -> { }
            // Frames that follow a LOGIN (or the accept) before it was applied wait for it, in order.
            case RESERVING -> user.hold(request);
            case AWAITING_LOGIN -> {
                if (user.loginSubmitted()) {
                    user.hold(request);
                    return;
                }
                user.lastFrameLength(request.length());
                handleFirstFrame(user, request);
            }
            case LOGGED_IN -> {
                if (user.throttled()) {
                    // Read before the pause took effect: held, in order, until the throttle ends (§11.2).
                    user.hold(request);
                } else {
                    user.lastFrameLength(request.length());
                    handleCommand(user, request);
                }
            }
        }
    }

    /** §5.1: before login the only acceptable frame is a valid #1. */
    private void handleFirstFrame(SeaUser user, SeaRequest request) {
        if (request.command() instanceof Login login) {
            if (request.trailingBytes() > 0) {
                log.warn("SEA {} LOGIN with {} trailing byte(s) ignored", user, request.trailingBytes());
            }
            login(user, login);
            return;
        }
        String why = request.command() instanceof Malformed m ? m.reason()
                : "first frame is command " + request.command().code() + ", not LOGIN";
        metrics.login(SeaLoginOutcome.NOT_LOGGED_IN);
        kill(user, SeaCloseReason.NOT_LOGGED_IN, why);
    }

    /** §5.2 steps 5–10. */
    private void login(SeaUser user, Login login) {
        byte[] username = SeaNames.sanitise(login.username().toByteArray());
        byte[] compname = SeaNames.sanitise(login.compname().toByteArray());
        if (blacklisted(user, username, compname)) {
            metrics.login(SeaLoginOutcome.BLACKLISTED);
            return;
        }
        if (settings.recheckMaxConnectionsAtLogin() && !user.connectionClass().admits(loggedInFrom(user.ipText()))) {
            metrics.login(SeaLoginOutcome.MAX_CONNECTIONS);
            kill(user, SeaCloseReason.MAX_CONNECTIONS, "connection class limit reached at login");
            return;
        }
        user.loginSubmitted(true);
        rosterLog.submit(this, new SeaRosterEvent.Login(user.key(), SeaBytes.adopt(SeaNames.fixLeadingSpace(username)),
                SeaBytes.adopt(compname), clock.instant().toEpochMilli()));
    }

    /** §8.1/§12.2: checked before the leading-space fix; true if the session was killed. */
    private boolean blacklisted(SeaUser user, byte[]... names) {
        for (byte[] name : names) {
            var match = blacklist.firstMatch(name);
            if (match.isPresent()) {
                if (settings.blacklistBans()) {
                    banHostOf(user, null, clock.instant());
                }
                kill(user, SeaCloseReason.BLACKLISTED, "name '" + SeaText.latin1(name)
                        + "' matched blacklisted pattern '" + match.get() + "'");
                return true;
            }
        }
        return false;
    }

    private void handleCommand(SeaUser user, SeaRequest request) {
        SeaCommand command = request.command();
        if (command instanceof Login) {
            log.debug("SEA {} repeated LOGIN ignored", user);
            return;
        }
        Instant now = clock.instant();
        FloodMeter flood = user.flood();
        // §5.1: a format error kills before anything else happens; what it would have been charged is
        // irrelevant (§11.1), and a zero-length frame has no chargeable length at all.
        if (command instanceof Malformed malformed) {
            kill(user, SeaCloseReason.FORMAT_ERROR, "format error in command " + malformed.code() + ": "
                    + malformed.reason());
            return;
        }
        if (command instanceof SendMessage m) {
            flood.chargeMessage(request.length(), m.text().length(), now);
        } else {
            flood.charge(command.code(), request.length(), now);
        }
        user.forcedPongSent(false);
        if (request.trailingBytes() > 0) {
            log.warn("SEA {} command {} had {} trailing byte(s); ignored (normal mode)", user, command.code(),
                    request.trailingBytes());
        }
        if (!SeaVersions.bigMessages(user.version()) && request.length() > 0xFFFF) {
            log.warn("SEA {} sent a frame of L={} with version {}", user, request.length(), user.version() & 0xFF);
        }
        execute(user, command, now);
        if (user.state() != SeaUser.State.LOGGED_IN || user.ending()) {
            return;
        }
        applyFloodDecision(user, flood.decide(now), now);
    }

    /** §11.2, after the command was executed in full. */
    private void applyFloodDecision(SeaUser user, FloodDecision decision, Instant now) {
        switch (decision) {
            case CONTINUE -> { }
            case THROTTLE -> {
                user.throttled(true);
                metrics.throttled();
                log.debug("SEA {} throttled ({} s ahead)", user, user.flood().ahead());
                user.link().pauseReading(user.flood().resumeAt().orElse(now.plus(FloodPolicy.THROTTLE_PAUSE)));
            }
            case KILL_AND_BAN -> {
                Optional<BanEntry> ban = banHostOf(user, null, now);
                kill(user, SeaCloseReason.FLOOD, "excessive flood; " + ban.map(b -> user.ipText()
                        + " banned until " + b.expiresAt()).orElse("not banned: bans are IPv4 only"));
            }
        }
    }

    private void execute(SeaUser user, SeaCommand command, Instant now) {
        SeaSessionKey key = user.key();
        if (command instanceof SendMessage m) {
            if (m.text().isEmpty()) {
                log.warn("SEA {} zero-length message dropped", user);
                return;
            }
            rosterLog.submit(this, new SeaRosterEvent.Message(key, m, now.toEpochMilli()));
        } else if (command instanceof Ping) {
            outbound.send(new SeaServerMessage.Pong(), user);
        } else if (command instanceof SetUserInfo info) {
            rosterLog.submit(this, new SeaRosterEvent.UserInfo(key, info));
        } else if (command instanceof UserInfoRequest request) {
            SeaUser target = byId.get(request.target());
            if (target != null) {
                outbound.send(new SeaServerMessage.UserInfo(target.faculty(), target.room(), target.info(),
                        target.version(), SeaBytes.latin1(target.ipText())), user);
            }
        } else if (command instanceof Chat chat) {
            rosterLog.submit(this, new SeaRosterEvent.ChatRelay(key, chat.target(), false, chat.payload()));
        } else if (command instanceof ChatCancel cancel) {
            rosterLog.submit(this, new SeaRosterEvent.ChatRelay(key, cancel.target(), true, cancel.payload()));
        } else if (command instanceof LinkRequest) {
            SeaBytes url = settings.archiveUrl();
            // No URL configured: the gateway's own web server, as the client reached it (§6.9 needs some address).
            outbound.send(new SeaServerMessage.Link(url.isEmpty() ? user.link().defaultArchiveUrl() : url), user);
        } else if (command instanceof Mute mute) {
            rosterLog.submit(this, new SeaRosterEvent.Mute(key, mute.target()));
        } else if (command instanceof Away) {
            rosterLog.submit(this, new SeaRosterEvent.Away(key, true));
        } else if (command instanceof Unaway) {
            rosterLog.submit(this, new SeaRosterEvent.Away(key, false));
        } else if (command instanceof Rename rename) {
            rename(user, rename);
        } else if (command instanceof PrintersJoin) {
            rosterLog.submit(this, new SeaRosterEvent.Printer(key, true));
        } else if (command instanceof PrintersLeave) {
            rosterLog.submit(this, new SeaRosterEvent.Printer(key, false));
        } else if (command instanceof UnknownCommand unknown) {
            log.warn("SEA {} unknown command {} ignored", user, unknown.code());
        }
    }

    /** §5.11. */
    private void rename(SeaUser user, Rename rename) {
        byte[] name = SeaNames.sanitise(rename.username().toByteArray());
        if (blacklisted(user, name)) {
            return;
        }
        rosterLog.submit(this, new SeaRosterEvent.Rename(user.key(), SeaBytes.adopt(SeaNames.fixLeadingSpace(name))));
    }

    private List<SeaUser> select(Predicate<SeaUser> predicate) {
        List<SeaUser> out = new ArrayList<>();
        for (SeaUser u : roster) {
            if (predicate.test(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * Queues {@code message} for the recipients this node owns: in a cluster the owner of each other session
     * delivers to it, so a message is encoded once per version on each node for that node's sessions only.
     */
    private void send(SeaServerMessage message, List<SeaUser> recipients) {
        if (rosterLog.replicated()) {
            List<SeaUser> local = new ArrayList<>(recipients.size());
            for (SeaUser u : recipients) {
                if (u.local()) {
                    local.add(u);
                }
            }
            recipients = local;
        }
        if (!recipients.isEmpty()) {
            outbound.send(message, recipients);
        }
    }

    private void send(SeaServerMessage message, SeaUser recipient) {
        if (recipient.local()) {
            outbound.send(message, recipient);
        }
    }

    // ---------------------------------------------------------------- apply: every state change and delivery

    /**
     * Carries out one event: on a single node at once, in a cluster on every node in the log's order. Depends only
     * on the state and the event; "is this session mine" decides who delivers, logs and counts, never what the
     * state becomes. An event about a session that has already ended is dropped, the same way on every node.
     */
    public void apply(SeaRosterEvent event) {
        if (event instanceof SeaRosterEvent.Message e) {
            applyMessage(e);
        } else if (event instanceof SeaRosterEvent.Reserve e) {
            applyReserve(e);
        } else if (event instanceof SeaRosterEvent.Login e) {
            applyLogin(e);
        } else if (event instanceof SeaRosterEvent.Leave e) {
            leavesToRetry.remove(e.key());
            SeaUser user = byKey.get(e.key());
            if (user != null) {
                end(user);
            }
        } else if (event instanceof SeaRosterEvent.Kill e) {
            applyKill(e);
        } else if (event instanceof SeaRosterEvent.ChatRelay e) {
            applyChat(e);
        } else if (event instanceof SeaRosterEvent.Mute e) {
            SeaUser sender = loggedInByKey(e.key());
            SeaUser target = byId.get(e.target());
            if (sender != null && target != null && SeaVersions.receivesMute(target.version())) {
                send(new SeaServerMessage.Mute(sender.id()), target);
            }
        } else if (event instanceof SeaRosterEvent.Away e) {
            applyAway(e);
        } else if (event instanceof SeaRosterEvent.UserInfo e) {
            applyUserInfo(e);
        } else if (event instanceof SeaRosterEvent.Rename e) {
            SeaUser user = loggedInByKey(e.key());
            if (user != null) {
                user.rename(e.username());
                send(new SeaServerMessage.Rename(user.id(), user.username()),
                        select(u -> SeaVersions.receivesRename(u.version())));
                observers.forEach(o -> o.renamed(user));
            }
        } else if (event instanceof SeaRosterEvent.Printer e) {
            SeaUser user = loggedInByKey(e.key());
            if (user != null) {
                user.printer(e.member());
            }
        } else if (event instanceof SeaRosterEvent.AltServer e) {
            send(new SeaServerMessage.AltServer(e.address()), new ArrayList<>(roster));
        } else if (event instanceof SeaRosterEvent.NodeGone e) {
            applyNodeGone(e);
        }
    }

    /** §5.6. */
    private void applyAway(SeaRosterEvent.Away e) {
        SeaUser user = loggedInByKey(e.key());
        if (user != null) {
            user.away(e.away());
            SeaServerMessage message = e.away() ? new SeaServerMessage.Away(user.id())
                    : new SeaServerMessage.Unaway(user.id());
            send(message, select(u -> SeaVersions.receivesAway(u.version())));
            observers.forEach(o -> o.awayChanged(user));
        }
    }

    private SeaUser loggedInByKey(SeaSessionKey key) {
        SeaUser user = byKey.get(key);
        return user != null && user.state() == SeaUser.State.LOGGED_IN ? user : null;
    }

    private boolean mine(SeaSessionKey key) {
        return key.node().equals(cluster.nodeId()) && key.incarnation() == cluster.incarnation();
    }

    /** §3: the next free ID goes to the session, on every node alike; its own node lets it read. */
    private void applyReserve(SeaRosterEvent.Reserve e) {
        if (byKey.containsKey(e.key())) {
            return;
        }
        SeaUser user = mine(e.key()) ? reserving.remove(e.key()) : null;
        if (user == null) {
            InetAddress address = addressOf(e.address());
            if (address == null) {
                log.warn("SEA reservation of {} with a {}-byte address ignored", e.key(), e.address().length);
                return;
            }
            Instant acceptedAt = Instant.ofEpochMilli(e.acceptedAtMillis());
            ConnectionClass cls = classes.forAddress(address);
            user = new SeaUser(e.key(), false, address, ipText(address), e.port(), new RemoteSeaLink(e.key().node()),
                    cls, settings.floodPolicy().newMeter(cls, acceptedAt), acceptedAt);
        }
        OptionalInt id = ids.allocate();
        if (id.isEmpty()) {
            user.state(SeaUser.State.CLOSED);
            user.dropHeld();
            user.link().close(SeaCloseReason.NO_FREE_ID, "all user IDs are in use");
            return;
        }
        user.reserved(id.getAsInt());
        pending.add(user);
        byKey.put(user.key(), user);
        if (!user.local()) {
            if (rosterLog.replicated() && e.key().node().equals(cluster.nodeId())) {
                // this node's own reservation whose connection it no longer has (its submit was reported failed,
                // or an earlier run of this node made it): only this node could ever end it, so it does now
                submitLeave(user);
            }
            return;
        }
        if (user.ending()) {
            return;
        }
        user.link().startReading();
        // requests that arrived before the reservation (a bridged member logs in at once), in order
        drainHeld(user);
    }

    private static InetAddress addressOf(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            return null;
        }
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** §5.2 steps 8–10. */
    private void applyLogin(SeaRosterEvent.Login e) {
        SeaUser user = byKey.get(e.key());
        if (user == null || user.state() != SeaUser.State.AWAITING_LOGIN) {
            return;
        }
        pending.remove(user);
        user.login(e.username(), e.compname(), Instant.ofEpochMilli(e.atMillis()));
        roster.addFirst(user);
        byId.put(user.id(), user);
        loggedInGauge = roster.size();
        if (user.local()) {
            List<SeaServerMessage.UserEntry> entries = new ArrayList<>(roster.size());
            for (SeaUser u : roster) {
                entries.add(u.entry());
            }
            outbound.send(new SeaServerMessage.UserList(user.id(), SeaBytes.latin1(user.ipText()), entries), user);
        }
        List<SeaUser> others = new ArrayList<>(roster.size());
        for (SeaUser u : roster) {
            if (u != user) {
                others.add(u);
            }
        }
        send(new SeaServerMessage.AddUser(user.id(), user.username(), user.compname()), others);
        if (user.local()) {
            user.link().loggedIn();
            metrics.login(SeaLoginOutcome.OK);
            log.info("SEA {} logged in as {}", user, user.displayName());
        }
        observers.forEach(o -> o.loggedIn(user));
        if (user.local()) {
            drainHeld(user);
        }
    }

    /** Handles, in order, the requests that arrived while the reservation or the login was on its way. */
    private void drainHeld(SeaUser user) {
        SeaRequest held;
        while (!user.ending() && !user.throttled() && user.state() != SeaUser.State.CLOSED
                && !(user.state() == SeaUser.State.AWAITING_LOGIN && user.loginSubmitted())
                && (held = user.pollHeld()) != null) {
            handle(user, held);
        }
    }

    private void applyKill(SeaRosterEvent.Kill e) {
        SeaUser user = byKey.get(e.key());
        if (user == null) {
            return;
        }
        if (user.local() && !user.ending()) {
            user.ending(true);
            user.link().close(closeReason(e.reasonTag()), e.detail());
        }
        end(user);
    }

    /** The close reason with this tag; an operator's kill when no reason has it. */
    static CloseReason closeReason(String tag) {
        for (SeaCloseReason reason : SeaCloseReason.values()) {
            if (reason.tag().equals(tag)) {
                return reason;
            }
        }
        for (CoreCloseReason reason : CoreCloseReason.values()) {
            if (reason.tag().equals(tag)) {
                return reason;
            }
        }
        return SeaCloseReason.ADMIN;
    }

    /** §5.3 and §9. */
    private void applyMessage(SeaRosterEvent.Message e) {
        SeaUser sender = loggedInByKey(e.key());
        if (sender == null) {
            return;
        }
        SendMessage m = e.message();
        SeaBytes text = m.text();
        int dst = m.destination();
        if (sender.local()) {
            archive.message(sender, dst, text, Instant.ofEpochMilli(e.atMillis()));
        }
        List<SeaUser> recipients;
        SeaMessageKind kind;
        if (dst == SeaIds.EVERYBODY) {
            recipients = new ArrayList<>(roster);
            kind = SeaMessageKind.GROUP;
        } else if (dst == SeaIds.PRINTERS) {
            recipients = select(u -> u.printer() && SeaVersions.receivesPrinters(u.version()));
            kind = SeaMessageKind.PRINTERS;
        } else {
            SeaUser target = byId.get(dst);
            recipients = target == null ? List.of() : List.of(target);
            kind = SeaMessageKind.PRIVATE;
        }
        send(new SeaServerMessage.Message(sender.id(), dst != SeaIds.EVERYBODY, dst == SeaIds.PRINTERS,
                m.flags(), text, m.extension()), recipients);
        if (dst == SeaIds.EVERYBODY) {
            observers.forEach(o -> o.groupMessage(sender, m));
        }
        if (sender.local()) {
            metrics.message(kind, recipients.size(), m.totalLength());
        }
    }

    /** §5.7 and §5.8: relayed verbatim to the target, if it is logged in. */
    private void applyChat(SeaRosterEvent.ChatRelay e) {
        SeaUser sender = loggedInByKey(e.key());
        SeaUser target = byId.get(e.target());
        if (sender == null || target == null) {
            return;
        }
        send(e.cancel() ? new SeaServerMessage.ChatCancel(sender.id(), e.payload())
                : new SeaServerMessage.Chat(sender.id(), e.payload()), target);
    }

    /** §5.5: store, then replay AWAY for every other away session when the new version is 96 or later. */
    private void applyUserInfo(SeaRosterEvent.UserInfo e) {
        SeaUser user = loggedInByKey(e.key());
        if (user == null) {
            return;
        }
        SetUserInfo info = e.info();
        user.userInfo(info.faculty(), info.room(), info.info(), info.version());
        if (!user.local() || !SeaVersions.receivesAway(info.version())) {
            return;
        }
        for (SeaUser u : roster) {
            if (u != user && u.away()) {
                outbound.send(new SeaServerMessage.Away(u.id()), user);
            }
        }
    }

    /**
     * A node is gone: its sessions end (DELETEUSER for the logged-in ones). When it is this very node (the others
     * declared it dead), its connections are closed too: the cluster no longer lists them.
     */
    private void applyNodeGone(SeaRosterEvent.NodeGone e) {
        List<SeaUser> gone = new ArrayList<>();
        for (SeaUser u : byKey.values()) {
            if (u.node().equals(e.node()) && u.key().incarnation() == e.incarnation()) {
                gone.add(u);
            }
        }
        // pending ones first, then the roster from its oldest login, so every node sends the same DELETEUSER order
        gone.sort(java.util.Comparator.comparingLong(u -> u.key().sequence()));
        for (SeaUser u : gone) {
            if (u.local() && !u.ending()) {
                u.ending(true);
                u.link().close(SeaCloseReason.CLUSTER_LOST, "the cluster declared this node gone");
            }
            end(u);
        }
        if (!gone.isEmpty()) {
            log.info("SEA node {} is gone: {} session(s) removed", e.node(), gone.size());
        }
    }

    // ---------------------------------------------------------------- ending sessions (§4.4)

    /**
     * Kills a session: removes it from the roster, sends DELETEUSER to every remaining session and closes
     * the connection for {@code reason} (logged and counted once, by the connection). Idempotent. Another node's
     * session is killed through the roster log: that node closes the connection.
     *
     * @param detail what happened, for the close's log line
     */
    public void kill(SeaUser user, CloseReason reason, String detail) {
        if (user.state() == SeaUser.State.CLOSED || user.ending()) {
            return;
        }
        if (!user.local()) {
            user.ending(true);
            rosterLog.submit(this, new SeaRosterEvent.Kill(user.key(), reason.tag(), detail));
            return;
        }
        submitLeave(user);
        user.link().close(reason, detail);
    }

    /** The connection is gone (peer close, I/O error, or after a kill): the session leaves the roster. */
    public void disconnected(SeaUser user) {
        if (!user.local() || user.state() == SeaUser.State.CLOSED || user.ending()) {
            return;
        }
        submitLeave(user);
    }

    private void submitLeave(SeaUser user) {
        user.ending(true);
        user.dropHeld();
        rosterLog.submit(this, new SeaRosterEvent.Leave(user.key()));
    }

    /**
     * The replicated log could not take {@code event} (the backplane is unavailable). A refused reservation or
     * login closes its connection; a refused leave is submitted again once the log is back; anything else is lost
     * like a message sent a moment before a disconnect.
     */
    public void submitFailed(SeaRosterEvent event) {
        if (event instanceof SeaRosterEvent.Reserve e) {
            SeaUser user = reserving.remove(e.key());
            if (user != null && user.state() != SeaUser.State.CLOSED) {
                user.state(SeaUser.State.CLOSED);
                user.dropHeld();
                user.link().close(SeaCloseReason.CLUSTER_UNAVAILABLE, "the cluster roster did not take the session");
            }
        } else if (event instanceof SeaRosterEvent.Login e) {
            SeaUser user = byKey.get(e.key());
            if (user != null && user.local() && !user.ending()) {
                user.ending(true);
                leavesToRetry.add(user.key());
                user.link().close(SeaCloseReason.CLUSTER_UNAVAILABLE, "the cluster roster did not take the login");
            }
        } else if (event instanceof SeaRosterEvent.Leave e) {
            if (byKey.containsKey(e.key())) {
                leavesToRetry.add(e.key());
            }
        } else {
            log.debug("SEA event not replicated (backplane unavailable): {}", event.getClass().getSimpleName());
        }
    }

    private boolean end(SeaUser user) {
        SeaUser.State before = user.state();
        if (before == SeaUser.State.CLOSED) {
            return false;
        }
        user.state(SeaUser.State.CLOSED);
        pending.remove(user);
        byKey.remove(user.key());
        if (before == SeaUser.State.LOGGED_IN) {
            roster.remove(user);
            byId.remove(user.id());
            loggedInGauge = roster.size();
            if (!roster.isEmpty()) {
                send(new SeaServerMessage.DeleteUser(user.id()), new ArrayList<>(roster));
            }
            observers.forEach(o -> o.loggedOut(user));
        }
        if (before != SeaUser.State.RESERVING) {
            ids.release(user.id());
        }
        user.dropHeld();
        return true;
    }

    /** The login deadline passed (§10.1); nobody is notified because the session was never listed. */
    public void loginTimedOut(SeaUser user) {
        if (user.state() == SeaUser.State.AWAITING_LOGIN && user.local() && !user.loginSubmitted() && !user.ending()) {
            metrics.login(SeaLoginOutcome.LOGIN_TIMEOUT);
            kill(user, SeaCloseReason.LOGIN_TIMEOUT, "did not log in within " + loginTimeout(user).toSeconds()
                    + " s");
        }
    }

    // ---------------------------------------------------------------- timers (§10, §11, §12.1)

    /**
     * Leaves the log refused are submitted again once it is back; when it has been out of sync longer than the
     * node timeout, every session of this node is closed so its clients reconnect to a healthy node.
     *
     * @return true when the sessions were closed (nothing else to check)
     */
    private boolean clusterHousekeeping() {
        if (rosterLog.synced()) {
            if (!leavesToRetry.isEmpty()) {
                List<SeaSessionKey> retry = new ArrayList<>(leavesToRetry);
                leavesToRetry.clear();
                retry.forEach(key -> rosterLog.submit(this, new SeaRosterEvent.Leave(key)));
            }
            return false;
        }
        if (rosterLog.unsyncedMillis() <= cluster.nodeTimeout().toMillis()) {
            return false;
        }
        int closed = 0;
        for (SeaUser u : new ArrayList<>(byKey.values())) {
            if (u.local() && !u.ending()) {
                u.ending(true);
                u.dropHeld();
                leavesToRetry.add(u.key());
                u.link().close(SeaCloseReason.CLUSTER_LOST, "the cluster roster has been unavailable for more than "
                        + cluster.nodeTimeout().toMillis() + " ms");
                closed++;
            }
        }
        for (SeaUser u : new ArrayList<>(reserving.values())) {
            reserving.remove(u.key());
            u.state(SeaUser.State.CLOSED);
            u.link().close(SeaCloseReason.CLUSTER_LOST, "the cluster roster is unavailable");
            closed++;
        }
        if (closed > 0) {
            log.warn("SEA cluster roster unavailable for more than {}: {} session(s) of this node closed",
                    cluster.nodeTimeout(), closed);
        }
        return true;
    }

    /**
     * Periodic housekeeping: ban expiry, login deadlines, throttle release, forced PONG, idle kill and slow
     * consumers. Driven by the core sweeper on the roster executor with the injected clock, so tests move time
     * by hand.
     */
    public void tick(Instant now) {
        bans.expire(now);
        if (rosterLog.replicated() && clusterHousekeeping()) {
            return;
        }
        for (SeaUser user : new ArrayList<>(pending)) {
            if (user.local() && !now.isBefore(user.acceptedAt().plus(loginTimeout(user)))) {
                loginTimedOut(user);
            }
        }
        long nowSeconds = now.getEpochSecond();
        for (SeaUser user : new ArrayList<>(roster)) {
            if (!user.local() || user.ending()) {
                continue;
            }
            // One session's failure must not stop the sweep: the rest would never be released, ponged
            // or idle-killed again, since every later tick would fail at the same session first.
            try {
                tick(user, now, nowSeconds);
            } catch (RuntimeException e) {
                log.error("SEA {} housekeeping failed; killing the session", user, e);
                kill(user, CoreCloseReason.INTERNAL_ERROR, "housekeeping failed: " + e);
            }
        }
    }

    private void tick(SeaUser user, Instant now, long nowSeconds) {
        if (user.throttled() && !user.flood().isThrottled(now)) {
            resume(user);
        }
        Instant unwritable = user.link().unwritableSince();
        if (unwritable != null && !now.isBefore(unwritable.plus(settings.slowConsumerTimeout()))) {
            kill(user, CoreCloseReason.SLOW_CONSUMER, "output blocked since " + unwritable);
            return;
        }
        checkIdle(user, nowSeconds);
    }

    /** Lets a throttled session read again if its pause is over (§11.2). */
    public void resumeIfDue(SeaUser user) {
        if (user.throttled() && !user.flood().isThrottled(clock.instant())) {
            resume(user);
        }
    }

    /**
     * Ends a throttle pause: first the requests held here (read before the pause took effect), in order, until
     * one throttles the session again; only then does the link pass frames on again.
     */
    private void resume(SeaUser user) {
        user.throttled(false);
        SeaRequest held;
        while (user.state() == SeaUser.State.LOGGED_IN && !user.throttled() && !user.ending()
                && (held = user.pollHeld()) != null) {
            user.lastFrameLength(held.length());
            handleCommand(user, held);
        }
        if (user.state() == SeaUser.State.LOGGED_IN && !user.throttled() && !user.ending()) {
            user.link().resumeReading();
        }
    }

    /** §10.2 with the IMPROVE rule: exactly one forced PONG per idle period, never an early kill. */
    private void checkIdle(SeaUser user, long nowSeconds) {
        long idle = nowSeconds - user.flood().lastActivity();
        long limit = settings.idleBase(SeaVersions.shortIdle(user.version())).plus(settings.idleGrace()).getSeconds();
        if (idle > limit + settings.idleKillAfter().getSeconds()) {
            kill(user, SeaCloseReason.PING_TIMEOUT, "idle for " + idle + " s");
        } else if (idle > limit && idle <= limit + FORCED_PONG_WINDOW.getSeconds() && !user.forcedPongSent()) {
            user.forcedPongSent(true);
            outbound.send(new SeaServerMessage.Pong(), user);
        }
    }

    // ---------------------------------------------------------------- administration (§14, §15)

    /**
     * Every session, logged in (roster order) then pending; in a cluster every node's, without those this node has
     * already ended (their end is on its way through the roster log).
     */
    public List<SeaUser> sessions() {
        List<SeaUser> all = new ArrayList<>(roster.size() + pending.size());
        for (SeaUser u : roster) {
            if (!u.ending()) {
                all.add(u);
            }
        }
        for (SeaUser u : pending) {
            if (!u.ending()) {
                all.add(u);
            }
        }
        return all;
    }

    public SeaUser loggedIn(int id) {
        return byId.get(id);
    }

    public int loggedInCount() {
        return roster.size();
    }

    /** Finds a session by ID, logged in or pending. */
    public SeaUser find(int id) {
        SeaUser user = byId.get(id);
        if (user != null) {
            return user;
        }
        for (SeaUser u : pending) {
            if (u.id() == id) {
                return u;
            }
        }
        return null;
    }

    /** Whether a session's user or computer name matches any blacklist pattern. */
    public boolean matchesBlacklist(SeaUser user) {
        return user.loggedIn() && (blacklist.matches(user.username().toByteArray())
                || blacklist.matches(user.compname().toByteArray()));
    }

    /** Sends ALT_SERVER to every logged-in session (§6.13, M14); returns how many were told. */
    public int broadcastAltServer(SeaBytes address) {
        int told = roster.size();
        if (told > 0) {
            rosterLog.submit(this, new SeaRosterEvent.AltServer(address));
        }
        return told;
    }

    /** Changes the default max penalty (addresses no connection class matches); new sessions only. */
    public void defaultMaxPenaltySeconds(int seconds) {
        settings.defaultMaxPenaltySeconds(seconds);
        classes = buildClasses();
    }

    /** The effective connection classes (§15 M16). */
    public ConnectionClasses connectionClasses() {
        return classes;
    }

    /**
     * Closes every session for shutdown, without DELETEUSER since everyone goes (§15). Repeated calls
     * find nothing left to close. In a cluster only this node goes: its sessions' leaves are submitted first, so the
     * other nodes send DELETEUSER for them at once (if the log takes them; otherwise when this node's goodbye or
     * timeout is seen).
     */
    public void shutdown() {
        List<SeaUser> all = new ArrayList<>(roster);
        all.addAll(pending);
        all.addAll(reserving.values());
        if (rosterLog.replicated()) {
            for (SeaUser u : all) {
                if (u.local() && !u.ending() && u.state() != SeaUser.State.RESERVING) {
                    rosterLog.submit(this, new SeaRosterEvent.Leave(u.key()));
                }
            }
        }
        roster.clear();
        byId.clear();
        pending.clear();
        byKey.clear();
        reserving.clear();
        leavesToRetry.clear();
        loggedInGauge = 0;
        int closed = 0;
        for (SeaUser u : all) {
            if (u.state() != SeaUser.State.RESERVING) {
                ids.release(u.id());
            }
            u.state(SeaUser.State.CLOSED);
            u.dropHeld();
            if (u.local()) {
                u.link().close(CoreCloseReason.SHUTDOWN, null);
                closed++;
            }
        }
        if (closed > 0) {
            log.info("SEA shutting down: {} session(s) closed", closed);
        }
    }

    // ---------------------------------------------------------------- cluster: failures and snapshots

    /**
     * Another node left the cluster (goodbye or timeout): submits the end of its sessions, once per run of that node
     * this node knows of. Every survivor does so; applying it twice changes nothing.
     */
    public void nodeLeft(String node) {
        if (!rosterLog.replicated() || node.equals(cluster.nodeId())) {
            return;
        }
        Set<Long> incarnations = new java.util.TreeSet<>();
        for (SeaUser u : byKey.values()) {
            if (u.node().equals(node)) {
                incarnations.add(u.key().incarnation());
            }
        }
        incarnations.forEach(i -> rosterLog.submit(this, new SeaRosterEvent.NodeGone(node, i)));
    }

    /** The nodes that own at least one session, for a joining node that checks who is still alive. */
    public Set<String> sessionNodes() {
        Set<String> nodes = new java.util.TreeSet<>();
        byKey.values().forEach(u -> nodes.add(u.node()));
        return nodes;
    }

    /** The replicated state as of the last applied event (a joining node restores it). */
    public SeaRosterState snapshotState() {
        List<SeaRosterState.Session> sessions = new ArrayList<>(pending.size() + roster.size());
        for (SeaUser u : pending) {
            sessions.add(sessionState(u));
        }
        for (SeaUser u : roster) {
            sessions.add(sessionState(u));
        }
        return new SeaRosterState(sessions, ids.liveIds(), ids.cursor());
    }

    private static SeaRosterState.Session sessionState(SeaUser u) {
        Instant loggedInAt = u.loggedInAt();
        return new SeaRosterState.Session(u.key(), u.id(), u.loggedIn(), u.address().getAddress(), u.port(),
                u.acceptedAt().toEpochMilli(), loggedInAt == null ? 0 : loggedInAt.toEpochMilli(), u.username(),
                u.compname(), u.faculty(), u.room(), u.info(), u.version(), u.printer(), u.away());
    }

    /**
     * Replaces the replicated state (a node joining, or resynchronising after the others dropped it). This node's
     * live sessions stay if the state still lists them; those it no longer lists are closed (their clients
     * reconnect); sessions it lists for this node that are no longer here get their leave submitted. Reservations
     * still on their way are kept: they come after the snapshot. Nothing is sent to clients.
     */
    public void restoreState(SeaRosterState state) {
        Map<SeaSessionKey, SeaUser> live = new HashMap<>();
        for (SeaUser u : byKey.values()) {
            if (u.local() && !u.ending()) {
                live.put(u.key(), u);
            }
        }
        roster.clear();
        byId.clear();
        pending.clear();
        byKey.clear();
        ids.restore(state.liveIds(), state.cursor());
        List<SeaUser> orphans = new ArrayList<>();
        List<SeaUser> admitted = new ArrayList<>();
        for (SeaRosterState.Session s : state.sessions()) {
            InetAddress address = addressOf(s.address());
            if (address == null) {
                log.warn("SEA snapshot session {} with a {}-byte address ignored", s.key(), s.address().length);
                continue;
            }
            SeaUser user = live.remove(s.key());
            if (user == null && reserving.containsKey(s.key())) {
                // its reservation is in the snapshot: it was applied before the point this node restores from
                user = reserving.remove(s.key());
                admitted.add(user);
            }
            if (user == null) {
                Instant acceptedAt = Instant.ofEpochMilli(s.acceptedAtMillis());
                ConnectionClass cls = classes.forAddress(address);
                user = new SeaUser(s.key(), false, address, ipText(address), s.port(), new RemoteSeaLink(s.key().node()),
                        cls, settings.floodPolicy().newMeter(cls, acceptedAt), acceptedAt);
                if (rosterLog.replicated() && s.key().node().equals(cluster.nodeId())) {
                    orphans.add(user);
                }
            }
            if (user.state() == SeaUser.State.RESERVING) {
                user.reserved(s.id());
            }
            user.userInfo(s.faculty(), s.room(), s.info(), s.version());
            user.printer(s.printer());
            user.away(s.away());
            if (s.loggedIn()) {
                user.login(s.username(), s.compname(), Instant.ofEpochMilli(s.loggedInAtMillis()));
                roster.addLast(user);
                byId.put(user.id(), user);
            } else {
                user.state(SeaUser.State.AWAITING_LOGIN);
                pending.add(user);
            }
            byKey.put(user.key(), user);
        }
        loggedInGauge = roster.size();
        for (SeaUser gone : live.values()) {
            gone.state(SeaUser.State.CLOSED);
            gone.dropHeld();
            gone.link().close(SeaCloseReason.CLUSTER_LOST, "the cluster roster no longer lists this session");
        }
        orphans.forEach(this::submitLeave);
        for (SeaUser user : admitted) {
            if (user.ending()) {
                submitLeave(user);
            } else {
                user.link().startReading();
                drainHeld(user);
            }
        }
        log.info("SEA roster restored: {} logged in, {} logging in{}", roster.size(), pending.size(),
                live.isEmpty() ? "" : "; " + live.size() + " session(s) of this node no longer listed were closed");
    }

    /** Whether this node's roster is current (refusing new sessions while it is not). */
    public boolean rosterSynced() {
        return rosterLog.synced();
    }
}
