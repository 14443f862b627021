package dev.switchboard.sea.service;

import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaServerMessage.UserEntry;

import java.net.InetAddress;
import dev.switchboard.sea.message.SeaRequest;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The per-session state of §4.1. Confined to the SEA roster executor: only {@link SeaService} mutates
 * it, and administrative reads take {@link #snapshot} on that executor.
 */
public final class SeaUser {

    /**
     * Life-cycle states of §1. {@code RESERVING} is only seen in a cluster: the connection was admitted on its
     * node and waits for its ID reservation to come back through the roster log.
     */
    public enum State { RESERVING, AWAITING_LOGIN, LOGGED_IN, CLOSED }

    /** The key of sessions made without one (tests of a single node). */
    private static final String NO_NODE = "";

    private int id;
    private final SeaSessionKey key;
    private final boolean local;
    private final InetAddress address;
    private final String ipText;
    private final int port;
    private final SeaLink link;
    private final ConnectionClass connectionClass;
    private final FloodMeter flood;
    private final Instant acceptedAt;

    private State state;
    private SeaBytes username = SeaBytes.EMPTY;
    private SeaBytes compname = SeaBytes.EMPTY;
    private int faculty;
    private SeaBytes room = SeaBytes.of(new byte[5]);
    private SeaBytes info = SeaBytes.EMPTY;
    private byte version;
    private boolean printer;
    private boolean away;
    private Instant loggedInAt;
    private boolean forcedPongSent;
    private boolean throttled;
    private int lastFrameLength;
    /** Requests read before a throttle pause took effect, handled in order when it ends (§11.2). */
    private ArrayDeque<SeaRequest> held;
    /** This node submitted the end of this session (leave or kill); it is over as far as intake is concerned. */
    private boolean ending;
    /** This node submitted the session's LOGIN; frames that follow wait until it is applied. */
    private boolean loginSubmitted;

    SeaUser(int id, InetAddress address, String ipText, int port, SeaLink link, ConnectionClass connectionClass,
            FloodMeter flood, Instant acceptedAt) {
        this(new SeaSessionKey(NO_NODE, 0, id), true, address, ipText, port, link, connectionClass, flood, acceptedAt);
        this.id = id;
        this.state = State.AWAITING_LOGIN;
    }

    /**
     * A session known by key, still without its ID ({@link State#RESERVING}).
     *
     * @param local whether this node owns its connection; other nodes' sessions have a link that delivers nothing
     */
    SeaUser(SeaSessionKey key, boolean local, InetAddress address, String ipText, int port, SeaLink link,
            ConnectionClass connectionClass, FloodMeter flood, Instant acceptedAt) {
        this.key = key;
        this.local = local;
        this.state = State.RESERVING;
        this.address = address;
        this.ipText = ipText;
        this.port = port;
        this.link = link;
        this.connectionClass = connectionClass;
        this.flood = flood;
        this.acceptedAt = acceptedAt;
    }

    public int id() {
        return id;
    }

    /** The ID reserved for it (§3), once the reservation was applied. */
    void reserved(int reservedId) {
        id = reservedId;
        state = State.AWAITING_LOGIN;
    }

    /** Its name across the cluster. */
    public SeaSessionKey key() {
        return key;
    }

    /** Whether this node owns the session's connection: only the owner delivers to it, times it out and reads it. */
    public boolean local() {
        return local;
    }

    /** The id of the node that owns the connection; empty for a single node's sessions made without a key. */
    public String node() {
        return key.node();
    }

    boolean ending() {
        return ending;
    }

    void ending(boolean value) {
        ending = value;
    }

    boolean loginSubmitted() {
        return loginSubmitted;
    }

    void loginSubmitted(boolean value) {
        loginSubmitted = value;
    }

    Instant loggedInAt() {
        return loggedInAt;
    }

    public InetAddress address() {
        return address;
    }

    /** The dotted-quad text of §2.1 (IPv4-mapped addresses shown as plain IPv4). */
    public String ipText() {
        return ipText;
    }

    public int port() {
        return port;
    }

    public SeaLink link() {
        return link;
    }

    public ConnectionClass connectionClass() {
        return connectionClass;
    }

    FloodMeter flood() {
        return flood;
    }

    public State state() {
        return state;
    }

    public boolean loggedIn() {
        return state == State.LOGGED_IN;
    }

    public byte version() {
        return version;
    }

    public SeaBytes username() {
        return username;
    }

    public SeaBytes compname() {
        return compname;
    }

    public boolean printer() {
        return printer;
    }

    public boolean away() {
        return away;
    }

    /** {@code L} of the last complete frame (the USERINFO dump's {@code readlen}, §13.6). */
    int lastFrameLength() {
        return lastFrameLength;
    }

    void lastFrameLength(int length) {
        lastFrameLength = length;
    }

    boolean throttled() {
        return throttled;
    }

    void throttled(boolean value) {
        throttled = value;
    }

    Instant acceptedAt() {
        return acceptedAt;
    }

    void hold(SeaRequest request) {
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(request);
    }

    SeaRequest pollHeld() {
        return held == null ? null : held.poll();
    }

    void dropHeld() {
        held = null;
    }

    void state(State value) {
        state = value;
    }

    void login(SeaBytes user, SeaBytes comp, Instant now) {
        username = user;
        compname = comp;
        loggedInAt = now;
        state = State.LOGGED_IN;
    }

    void rename(SeaBytes user) {
        username = user;
    }

    void userInfo(int newFaculty, SeaBytes newRoom, SeaBytes newInfo, byte newVersion) {
        faculty = newFaculty;
        room = newRoom;
        info = newInfo;
        version = newVersion;
    }

    void printer(boolean value) {
        printer = value;
    }

    void away(boolean value) {
        away = value;
    }

    boolean forcedPongSent() {
        return forcedPongSent;
    }

    void forcedPongSent(boolean value) {
        forcedPongSent = value;
    }

    UserEntry entry() {
        return new UserEntry(id, username, compname);
    }

    int faculty() {
        return faculty;
    }

    SeaBytes room() {
        return room;
    }

    SeaBytes info() {
        return info;
    }

    /** {@code username[compname]} as in archiver lines and logs (§13.4), bytes mapped 1:1 (§0). */
    public String displayName() {
        return username.latin1() + "[" + compname.latin1() + "]";
    }

    /** A consistent copy for administration (§15 M11); take it on the roster executor. */
    public SeaSessionInfo snapshot(Instant now) {
        long idle = Math.max(0, now.getEpochSecond() - flood.lastActivity());
        return new SeaSessionInfo(id, ipText, port, state.name(), username.latin1(), compname.latin1(),
                faculty, room.latin1().substring(0, roomTextLength()), info.latin1(), version & 0xFF,
                printer, away, acceptedAt, loggedInAt, flood.maxPenaltySeconds(), flood.penaltyTimer(),
                flood.lastActivity(), idle, throttled, key.node());
    }

    /** The room is printed up to its first NUL byte (§13.6). */
    private int roomTextLength() {
        for (int i = 0; i < room.length(); i++) {
            if (room.byteAt(i) == 0) {
                return i;
            }
        }
        return room.length();
    }

    @Override
    public String toString() {
        String connection = link.describe();
        return (connection.isEmpty() ? ipText + ":" + port : connection) + " #" + id + " " + state;
    }
}
