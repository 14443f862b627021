package dev.switchboard.rooms.handler;

import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.message.TrustLevel;
import dev.switchboard.rooms.service.RoomSession;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-connection state of a rooms client, kept on one channel attribute, and the {@link RoomSession} the service
 * talks to. The trust level and nick counter are changed only on the channel's event loop.
 */
public final class RoomsConnection implements RoomSession {

    private static final AttributeKey<RoomsConnection> KEY = AttributeKey.valueOf(RoomsConnection.class, "rooms");

    private final Channel channel;
    private final int memberId;
    private final RoomsDisconnector disconnector;
    private final RoomsMetrics metrics;
    /** Written on the event loop; volatile because the login timeout reads it from the sweeper thread. */
    private volatile TrustLevel level = TrustLevel.MAGIC;
    private int refusedNicks;
    private volatile boolean open;
    /** Claimed by whoever ends the connection first, so it is logged, counted and sent one close exactly once. */
    private final AtomicBoolean closing = new AtomicBoolean();

    private RoomsConnection(Channel channel, int memberId, RoomsDisconnector disconnector, RoomsMetrics metrics) {
        this.channel = channel;
        this.memberId = memberId;
        this.disconnector = disconnector;
        this.metrics = metrics;
    }

    /** Creates the state of a connection whose upgrade was accepted; it starts at level 1 (spec §4). */
    static RoomsConnection attach(Channel channel, int memberId, RoomsDisconnector disconnector,
            RoomsMetrics metrics) {
        RoomsConnection connection = new RoomsConnection(channel, memberId, disconnector, metrics);
        channel.attr(KEY).set(connection);
        return connection;
    }

    /** The rooms state of {@code channel}, or null when it is not a rooms connection. */
    public static RoomsConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public int memberId() {
        return memberId;
    }

    /** Thread-safe: Netty queues writes from other threads in call order onto the channel's event loop. */
    @Override
    public void send(TPacket packet) {
        channel.writeAndFlush(packet);
        metrics.packetsOut(kind(packet), 1);
    }

    @Override
    public void kick(String reason) {
        disconnector.close(channel, WebSocketCloseStatus.POLICY_VIOLATION, "kicked", reason);
    }

    @Override
    public InetAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
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

    /** True for the first caller only: that caller owns the connection's one close. Any thread. */
    boolean claimClose() {
        return closing.compareAndSet(false, true);
    }

    /** Someone has started to end this connection; nothing more should be queued to it. */
    public boolean isClosing() {
        return closing.get();
    }

    /** Metric tag for a packet: the command name in lower case, a fixed set. */
    static String kind(TPacket packet) {
        return packet.command().map(Command::name).map(n -> n.toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse("unknown");
    }
}
