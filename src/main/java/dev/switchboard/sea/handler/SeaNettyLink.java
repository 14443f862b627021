package dev.switchboard.sea.handler;

import dev.switchboard.core.connection.CloseReason;
import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import dev.switchboard.core.listener.ConnectionAdmission;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.sea.message.SeaBytes;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.service.SeaDelivery;
import dev.switchboard.sea.service.SeaLink;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaUser;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A SEA socket as the service sees it: the roster side of one connection. Everything here runs on the roster
 * executor, which owns {@link #user} and {@link #unwritableSince}; what touches the channel's reading (the flood
 * gate, auto-read) is handed to the channel's I/O loop, and output goes through the core {@link Connection}.
 */
final class SeaNettyLink implements SeaLink {

    private static final Logger log = LoggerFactory.getLogger(SeaNettyLink.class);

    private final Connection connection;
    private final Channel channel;
    private final SeaFloodGate gate;
    private final SeaRosterExecutor roster;
    private final SeaService service;
    private final HandlingTimer commands;
    private final BroadcastMeter broadcasts;
    private final SeaLimits limits;
    private final Clock clock;
    private SeaUser user;
    private Instant unwritableSince;

    SeaNettyLink(Connection connection, SeaFloodGate gate, SeaRosterExecutor roster, SeaService service,
                 HandlingTimer commands, BroadcastMeter broadcasts, SeaLimits limits, Clock clock) {
        this.connection = connection;
        this.channel = connection.channel();
        this.gate = gate;
        this.roster = roster;
        this.service = service;
        this.commands = commands;
        this.broadcasts = broadcasts;
        this.limits = limits;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- from the I/O loop, run on the roster

    /** The connection was accepted: admission (§12). */
    void accepted(InetSocketAddress remote) {
        user = service.accept(this, remote.getAddress(), remote.getPort());
    }

    /** Requests decoded from one read, in order; {@code readNanos} is when that read began. */
    void handle(List<SeaRequest> requests, long readNanos) {
        SeaUser session = user;
        if (session == null) {
            return;
        }
        for (SeaRequest request : requests) {
            try {
                commands.handle(readNanos, request.command(), () -> service.handle(session, request));
            } catch (RuntimeException e) {
                log.error(ChannelLog.format(channel, "SEA request failed, closing"), e);
                service.kill(session, CoreCloseReason.INTERNAL_ERROR, "request failed: " + e);
                return;
            }
        }
    }

    void writabilityChanged(boolean writable) {
        unwritableSince = writable ? null : (unwritableSince == null ? clock.instant() : unwritableSince);
    }

    void disconnected() {
        if (user != null) {
            service.disconnected(user);
        }
    }

    // ---------------------------------------------------------------- SeaLink, called by the service

    @Override
    public void deliver(SeaDelivery delivery, byte version) {
        delivery.attachment(SeaWireBroadcast.KIND, d -> new SeaWireBroadcast(channel.alloc(), d, broadcasts))
                .add(connection, version);
    }

    @Override
    public void close(CloseReason reason, String detail) {
        connection.close(reason, detail);
    }

    @Override
    public void startReading() {
        onLoop(() -> channel.config().setAutoRead(true));
    }

    @Override
    public void loggedIn() {
        // A logged-in session no longer counts against its address's cap of anonymous connections.
        ConnectionAdmission.authenticated(channel);
    }

    @Override
    public void pauseReading(Instant until) {
        onLoop(gate::pause);
        SeaUser session = user;
        long delay = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        // Exact pause (Errata 2) in production; the housekeeping tick also resumes it when a test clock moves.
        roster.schedule(() -> service.resumeIfDue(session), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void resumeReading() {
        onLoop(gate::resume);
    }

    @Override
    public String describe() {
        return ChannelLog.format(channel, "").stripTrailing();
    }

    @Override
    public SeaBytes defaultArchiveUrl() {
        int port = limits.webPort().getAsInt();
        if (port <= 0 || !(channel.localAddress() instanceof InetSocketAddress local)) {
            return SeaBytes.EMPTY;
        }
        InetAddress address = local.getAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return SeaBytes.latin1("http://" + host + ":" + port + "/");
    }

    @Override
    public Instant unwritableSince() {
        return unwritableSince;
    }

    /** Reading belongs to the I/O loop; a loop already shut down has no connection left to read. */
    private void onLoop(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException loopGone) {
            // Nothing to pause or resume: the gateway is stopping and the channel with it.
        }
    }
}
