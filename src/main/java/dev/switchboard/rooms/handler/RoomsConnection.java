package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.message.TrustLevel;
import dev.switchboard.rooms.service.Delivery;
import dev.switchboard.rooms.service.RoomSession;
import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A rooms client on a WebSocket: the {@link RoomSession} the service talks to, next to the core {@link Connection}
 * that sends and closes for it, kept on one channel attribute. The trust level, nick counter and open flag are
 * state of the channel's event loop, read and changed only there (the login timeout is checked on that loop too,
 * and the goodbye runs there).
 *
 * <p>Everything the service hands it is only queued ({@link Connection#sendQueued}, and the shared broadcast
 * batch of {@link RoomsBroadcast}), because the service calls it while holding a room's lock; queued writes keep
 * call order on the channel.
 */
public final class RoomsConnection implements RoomSession {

    private static final AttributeKey<RoomsConnection> KEY = AttributeKey.valueOf(RoomsConnection.class, "rooms");

    private final Connection connection;
    /** Fixed at the upgrade on {@code local}; handed out by the cluster when it accepts the nick on a cluster. */
    private volatile int memberId;
    private final RoomsBroadcast broadcast;
    private final RoomsMetrics metrics;
    private final TrustGateHandler trustGate;
    private final RoomsSessionHandler sessionHandler;
    private TrustLevel level = TrustLevel.MAGIC;
    private int refusedNicks;
    private boolean open;
    /** A nick request or join of this connection is being decided by the cluster; its later packets wait. */
    private boolean awaiting;

    private RoomsConnection(Connection connection, int memberId, RoomsBroadcast broadcast, RoomsMetrics metrics,
            TrustGateHandler trustGate, RoomsSessionHandler sessionHandler) {
        this.connection = connection;
        this.memberId = memberId;
        this.broadcast = broadcast;
        this.metrics = metrics;
        this.trustGate = trustGate;
        this.sessionHandler = sessionHandler;
    }

    /** Creates the state of a connection whose upgrade was accepted; it starts at level 1 (spec §4). */
    static RoomsConnection attach(Connection connection, int memberId, RoomsBroadcast broadcast,
            RoomsMetrics metrics, TrustGateHandler trustGate, RoomsSessionHandler sessionHandler) {
        RoomsConnection session = new RoomsConnection(connection, memberId, broadcast, metrics, trustGate,
                sessionHandler);
        connection.channel().attr(KEY).set(session);
        return session;
    }

    /** The rooms state of {@code channel}, or null when it is not a rooms connection. */
    public static RoomsConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** The core connection that writes and closes for this member. */
    public Connection connection() {
        return connection;
    }

    @Override
    public int memberId() {
        return memberId;
    }

    /** Any thread, under a lock or not: the write is a task on the channel's loop, in call order. */
    @Override
    public void send(TPacket packet) {
        if (connection.sendQueued(packet)) {
            packet.command().ifPresent(kind -> metrics.packetsOut(kind, 1));
        }
    }

    /** Adds this connection to the broadcast's one encoding, written to every member by its loop's batch. */
    @Override
    public void deliver(Delivery delivery) {
        delivery.form(broadcast).add(connection);
    }

    @Override
    public void kick(String reason) {
        connection.close(RoomsCloseReason.KICKED, reason);
    }

    @Override
    public void assignMemberId(int memberId) {
        this.memberId = memberId;
    }

    /** The cluster decided this connection's nick request: answered on the channel's loop, then the rest goes on. */
    @Override
    public void nickDecided(int uid, NickOutcome outcome) {
        Channel channel = connection.channel();
        channel.eventLoop().execute(() -> {
            trustGate.decided(channel, this, uid, outcome);
            resume();
        });
    }

    /** The cluster decided this connection's join: a refusal is answered on the channel's loop. */
    @Override
    public void joinDecided(int uid, JoinOutcome outcome) {
        Channel channel = connection.channel();
        channel.eventLoop().execute(() -> {
            sessionHandler.joinDecided(channel, this, uid, outcome);
            resume();
        });
    }

    @Override
    public void endByCluster(ClusterEnd why, String detail) {
        connection.close(why == ClusterEnd.RESTART ? RoomsCloseReason.CLUSTER_RESTART
                : RoomsCloseReason.CLUSTER_UNAVAILABLE, detail);
    }

    @Override
    public InetAddress remoteAddress() {
        return connection.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
    }

    TrustLevel level() {
        return level;
    }

    void level(TrustLevel level) {
        this.level = level;
    }

    /** Counts one refused nick request and returns the total so far. */
    int refuseNick() {
        return ++refusedNicks;
    }

    /** The opening handshake completed. */
    void markOpen() {
        open = true;
    }

    public boolean isOpen() {
        return open;
    }

    /** The request just handed on is decided by the cluster: hold this connection's later packets until then. */
    void awaitDecision() {
        awaiting = true;
        connection.channel().config().setAutoRead(false);
    }

    boolean awaiting() {
        return awaiting;
    }

    /** The decision arrived: the held packets go on, in order, until one of them awaits again. On the loop. */
    private void resume() {
        awaiting = false;
        Channel channel = connection.channel();
        channel.config().setAutoRead(true);
        RoomsAwaitHandler held = (RoomsAwaitHandler) channel.pipeline().get(RoomsPipeline.AWAIT);
        if (held != null) {
            held.release(channel.pipeline().context(RoomsPipeline.AWAIT), this);
        }
    }
}
