package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.message.TrustLevel;
import dev.switchboard.rooms.service.Delivery;
import dev.switchboard.rooms.service.RoomSession;
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
    private final int memberId;
    private final RoomsBroadcast broadcast;
    private final RoomsMetrics metrics;
    private TrustLevel level = TrustLevel.MAGIC;
    private int refusedNicks;
    private boolean open;

    private RoomsConnection(Connection connection, int memberId, RoomsBroadcast broadcast, RoomsMetrics metrics) {
        this.connection = connection;
        this.memberId = memberId;
        this.broadcast = broadcast;
        this.metrics = metrics;
    }

    /** Creates the state of a connection whose upgrade was accepted; it starts at level 1 (spec §4). */
    static RoomsConnection attach(Connection connection, int memberId, RoomsBroadcast broadcast,
            RoomsMetrics metrics) {
        RoomsConnection session = new RoomsConnection(connection, memberId, broadcast, metrics);
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
}
