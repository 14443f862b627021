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
    private final Duration defaultLoginTimeout;
    private final SeaArchive archive;
    private List<ConnectionClass> classList;
    private ConnectionClasses classes;

    /** Logged-in sessions, most recent login first (§4.2). */
    private final LinkedList<SeaUser> roster = new LinkedList<>();
    private final Map<Integer, SeaUser> byId = new HashMap<>();
    /** Accepted sessions still logging in. */
    private final Set<SeaUser> pending = new LinkedHashSet<>();
    /** Roster size for the metrics gauge, which is read from the scrape thread. */
    private volatile int loggedInGauge;

    private final List<SeaObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SeaService(Clock clock, SeaOutbound outbound, SeaMetrics metrics, SeaSettings settings, BanList bans,
                      NameBlacklist blacklist, List<ConnectionClass> connectionClasses, Duration defaultLoginTimeout,
                      UserIdAllocator ids, SeaArchive archive) {
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
     * {@code max_conns}, then allocates an ID; a refused connection is closed with nothing sent.
     *
     * @return the new session, or null when the connection was refused and closed
     */
    public SeaUser accept(SeaLink link, InetAddress address, int port) {
        Instant now = clock.instant();
        String ipText = ipText(address);
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
        OptionalInt id = ids.allocate();
        if (id.isEmpty()) {
            link.close(SeaCloseReason.NO_FREE_ID, "all user IDs are in use");
            return null;
        }
        SeaUser user = new SeaUser(id.getAsInt(), address, ipText, port, link, cls,
                settings.floodPolicy().newMeter(cls, now), now);
        pending.add(user);
        link.startReading();
        return user;
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
        switch (user.state()) {
            case CLOSED -> { }
            case AWAITING_LOGIN -> {
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
        pending.remove(user);
        user.login(SeaBytes.adopt(SeaNames.fixLeadingSpace(username)), SeaBytes.adopt(compname), clock.instant());
        roster.addFirst(user);
        byId.put(user.id(), user);
        loggedInGauge = roster.size();
        List<SeaServerMessage.UserEntry> entries = new ArrayList<>(roster.size());
        List<SeaUser> others = new ArrayList<>(roster.size());
        for (SeaUser u : roster) {
            entries.add(u.entry());
            if (u != user) {
                others.add(u);
            }
        }
        outbound.send(new SeaServerMessage.UserList(user.id(), SeaBytes.latin1(user.ipText()), entries), user);
        outbound.send(new SeaServerMessage.AddUser(user.id(), user.username(), user.compname()), others);
        user.link().loggedIn();
        metrics.login(SeaLoginOutcome.OK);
        log.info("SEA {} logged in as {}", user, user.displayName());
        observers.forEach(o -> o.loggedIn(user));
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
        if (user.state() != SeaUser.State.LOGGED_IN) {
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
        if (command instanceof SendMessage m) {
            sendMessage(user, m, now);
        } else if (command instanceof Ping) {
            outbound.send(new SeaServerMessage.Pong(), user);
        } else if (command instanceof SetUserInfo info) {
            setUserInfo(user, info);
        } else if (command instanceof UserInfoRequest request) {
            SeaUser target = byId.get(request.target());
            if (target != null) {
                outbound.send(new SeaServerMessage.UserInfo(target.faculty(), target.room(), target.info(),
                        target.version(), SeaBytes.latin1(target.ipText())), user);
            }
        } else if (command instanceof Chat chat) {
            SeaUser target = byId.get(chat.target());
            if (target != null) {
                outbound.send(new SeaServerMessage.Chat(user.id(), chat.payload()), target);
            }
        } else if (command instanceof ChatCancel cancel) {
            SeaUser target = byId.get(cancel.target());
            if (target != null) {
                outbound.send(new SeaServerMessage.ChatCancel(user.id(), cancel.payload()), target);
            }
        } else if (command instanceof LinkRequest) {
            SeaBytes url = settings.archiveUrl();
            // No URL configured: the gateway's own web server, as the client reached it (§6.9 needs some address).
            outbound.send(new SeaServerMessage.Link(url.isEmpty() ? user.link().defaultArchiveUrl() : url), user);
        } else if (command instanceof Mute mute) {
            SeaUser target = byId.get(mute.target());
            if (target != null && SeaVersions.receivesMute(target.version())) {
                outbound.send(new SeaServerMessage.Mute(user.id()), target);
            }
        } else if (command instanceof Away) {
            user.away(true);
            outbound.send(new SeaServerMessage.Away(user.id()), select(u -> SeaVersions.receivesAway(u.version())));
            observers.forEach(o -> o.awayChanged(user));
        } else if (command instanceof Unaway) {
            user.away(false);
            outbound.send(new SeaServerMessage.Unaway(user.id()), select(u -> SeaVersions.receivesAway(u.version())));
            observers.forEach(o -> o.awayChanged(user));
        } else if (command instanceof Rename rename) {
            rename(user, rename);
        } else if (command instanceof PrintersJoin) {
            user.printer(true);
        } else if (command instanceof PrintersLeave) {
            user.printer(false);
        } else if (command instanceof UnknownCommand unknown) {
            log.warn("SEA {} unknown command {} ignored", user, unknown.code());
        }
    }

    /** §5.3 and §9. */
    private void sendMessage(SeaUser sender, SendMessage m, Instant now) {
        SeaBytes text = m.text();
        if (text.isEmpty()) {
            log.warn("SEA {} zero-length message dropped", sender);
            return;
        }
        int dst = m.destination();
        archive.message(sender, dst, text, now);
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
        if (!recipients.isEmpty()) {
            outbound.send(new SeaServerMessage.Message(sender.id(), dst != SeaIds.EVERYBODY, dst == SeaIds.PRINTERS,
                    m.flags(), text, m.extension()), recipients);
        }
        if (dst == SeaIds.EVERYBODY) {
            observers.forEach(o -> o.groupMessage(sender, m));
        }
        metrics.message(kind, recipients.size(), m.totalLength());
    }

    /** §5.5: store, then replay AWAY for every other away session when the new version is 96 or later. */
    private void setUserInfo(SeaUser user, SetUserInfo info) {
        user.userInfo(info.faculty(), info.room(), info.info(), info.version());
        if (!SeaVersions.receivesAway(info.version())) {
            return;
        }
        for (SeaUser u : roster) {
            if (u != user && u.away()) {
                outbound.send(new SeaServerMessage.Away(u.id()), user);
            }
        }
    }

    /** §5.11. */
    private void rename(SeaUser user, Rename rename) {
        byte[] name = SeaNames.sanitise(rename.username().toByteArray());
        if (blacklisted(user, name)) {
            return;
        }
        user.rename(SeaBytes.adopt(SeaNames.fixLeadingSpace(name)));
        outbound.send(new SeaServerMessage.Rename(user.id(), user.username()),
                select(u -> SeaVersions.receivesRename(u.version())));
        observers.forEach(o -> o.renamed(user));
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

    // ---------------------------------------------------------------- ending sessions (§4.4)

    /**
     * Kills a session: removes it from the roster, sends DELETEUSER to every remaining session and closes
     * the connection for {@code reason} (logged and counted once, by the connection). Idempotent.
     *
     * @param detail what happened, for the close's log line
     */
    public void kill(SeaUser user, CloseReason reason, String detail) {
        if (!end(user)) {
            return;
        }
        user.link().close(reason, detail);
    }

    /** The connection is gone (peer close, I/O error, or after a kill): the session leaves the roster. */
    public void disconnected(SeaUser user) {
        end(user);
    }

    private boolean end(SeaUser user) {
        SeaUser.State before = user.state();
        if (before == SeaUser.State.CLOSED) {
            return false;
        }
        user.state(SeaUser.State.CLOSED);
        pending.remove(user);
        if (before == SeaUser.State.LOGGED_IN) {
            roster.remove(user);
            byId.remove(user.id());
            loggedInGauge = roster.size();
            if (!roster.isEmpty()) {
                outbound.send(new SeaServerMessage.DeleteUser(user.id()), new ArrayList<>(roster));
            }
            observers.forEach(o -> o.loggedOut(user));
        }
        ids.release(user.id());
        user.dropHeld();
        return true;
    }

    /** The login deadline passed (§10.1); nobody is notified because the session was never listed. */
    public void loginTimedOut(SeaUser user) {
        if (user.state() == SeaUser.State.AWAITING_LOGIN) {
            metrics.login(SeaLoginOutcome.LOGIN_TIMEOUT);
            kill(user, SeaCloseReason.LOGIN_TIMEOUT, "did not log in within " + loginTimeout(user).toSeconds()
                    + " s");
        }
    }

    // ---------------------------------------------------------------- timers (§10, §11, §12.1)

    /**
     * Periodic housekeeping: ban expiry, login deadlines, throttle release, forced PONG, idle kill and slow
     * consumers. Driven by the core sweeper on the roster executor with the injected clock, so tests move time
     * by hand.
     */
    public void tick(Instant now) {
        bans.expire(now);
        for (SeaUser user : new ArrayList<>(pending)) {
            if (!now.isBefore(user.acceptedAt().plus(loginTimeout(user)))) {
                loginTimedOut(user);
            }
        }
        long nowSeconds = now.getEpochSecond();
        for (SeaUser user : new ArrayList<>(roster)) {
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
        while (user.state() == SeaUser.State.LOGGED_IN && !user.throttled() && (held = user.pollHeld()) != null) {
            user.lastFrameLength(held.length());
            handleCommand(user, held);
        }
        if (user.state() == SeaUser.State.LOGGED_IN && !user.throttled()) {
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

    /** Every session, logged in (roster order) then pending. */
    public List<SeaUser> sessions() {
        List<SeaUser> all = new ArrayList<>(roster);
        all.addAll(pending);
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
        List<SeaUser> all = new ArrayList<>(roster);
        if (!all.isEmpty()) {
            outbound.send(new SeaServerMessage.AltServer(address), all);
        }
        return all.size();
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
     * find nothing left to close.
     */
    public void shutdown() {
        List<SeaUser> all = sessions();
        roster.clear();
        byId.clear();
        pending.clear();
        loggedInGauge = 0;
        for (SeaUser u : all) {
            u.state(SeaUser.State.CLOSED);
            ids.release(u.id());
            u.dropHeld();
            u.link().close(CoreCloseReason.SHUTDOWN, null);
        }
        if (!all.isEmpty()) {
            log.info("SEA shutting down: {} session(s) closed", all.size());
        }
    }
}
