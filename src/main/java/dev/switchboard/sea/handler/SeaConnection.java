package dev.switchboard.sea.handler;

import dev.switchboard.core.budget.InputBudget;
import dev.switchboard.core.budget.Reservation;
import dev.switchboard.core.listener.ConnectionAdmission;
import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.sea.codec.SeaFrameAllowance;
import dev.switchboard.sea.codec.SeaDecodeContext;
import dev.switchboard.sea.message.SeaVersions;
import dev.switchboard.sea.service.SeaCloseReason;
import dev.switchboard.sea.service.SeaLink;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaSettings;
import dev.switchboard.sea.service.SeaUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection SEA state, the one object on the channel's {@link #KEY}: the session
 * it belongs to, the frame-size cap for the decoder, its share of the input budget, and the
 * {@link SeaLink} the service drives. Everything here runs on the SEA roster executor.
 */
public final class SeaConnection implements SeaLink, SeaDecodeContext, SeaFrameAllowance {

    static final AttributeKey<SeaConnection> KEY = AttributeKey.valueOf(SeaConnection.class, "sea");
    private static final Logger log = LoggerFactory.getLogger(SeaConnection.class);

    private final Channel channel;
    private final SeaLimits limits;
    private final SeaSettings settings;
    private final Clock clock;
    private final SeaFloodGate gate;
    private final InputBudget budget;
    private final TimeoutSweeper sweeper;
    private final InetAddress remoteAddress;
    private volatile Reservation reservation = Reservation.UNTRACKED;
    private volatile TimeoutSweeper.Registration frameDeadline;
    private SeaService service;
    private ChannelHandlerContext sessionContext;
    private SeaUser user;
    private Instant unwritableSince;
    private boolean closing;

    SeaConnection(Channel channel, SeaLimits limits, SeaSettings settings, Clock clock, SeaFloodGate gate,
                  InputBudget budget, TimeoutSweeper sweeper) {
        this.channel = channel;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.gate = gate;
        this.budget = budget;
        this.sweeper = sweeper;
        // SEA is IPv4 over TCP (§2.1); a unix-socket peer counts as the loopback address.
        this.remoteAddress = channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
        // A close may come from any side at any time: the share goes back with the connection.
        channel.closeFuture().addListener(f -> releaseFrame());
    }

    /** The state of {@code channel}, or null if it is not a SEA connection. */
    public static SeaConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    void bind(SeaService sessionService, ChannelHandlerContext ctx, SeaUser sessionUser) {
        this.service = sessionService;
        this.sessionContext = ctx;
        this.user = sessionUser;
    }

    SeaUser user() {
        return user;
    }

    Channel channel() {
        return channel;
    }

    /** The largest frame length accepted next (§2.4, F18). */
    int maxFrameLength() {
        if (user == null || !user.loggedIn()) {
            return limits.loginFrame();
        }
        return SeaVersions.bigMessages(user.version()) ? limits.frame() : limits.legacyFrame();
    }

    @Override
    public byte version() {
        return user == null ? 0 : user.version();
    }

    @Override
    public boolean strict() {
        return settings.strict();
    }

    /**
     * Queues one encoded message; ownership of {@code buf} passes to the channel. A recipient whose
     * queue has grown past the slow-consumer limit is killed instead (F17), after the current event.
     */
    void write(ByteBuf buf) {
        if (admit(buf)) {
            channel.writeAndFlush(buf, channel.voidPromise());
        }
    }

    /**
     * Whether {@code buf} may be queued to this connection; when not, {@code buf} is released here. A
     * recipient whose queue has grown past the slow-consumer limit is killed instead (F17), after the
     * current event. Runs on the roster executor.
     */
    boolean admit(ByteBuf buf) {
        // A channel that has begun closing has no outbound buffer any more: nothing to queue, nothing to report.
        ChannelOutboundBuffer queue = channel.unsafe().outboundBuffer();
        if (closing || !channel.isActive() || queue == null) {
            buf.release();
            return false;
        }
        long queued = queue.totalPendingWriteBytes();
        if (queued > limits.slowConsumerMaxPending()) {
            buf.release();
            log.warn(ChannelLog.format(channel, "slow consumer: " + queued + " bytes queued, killing"));
            // Not inline: we are inside a broadcast loop over the roster; runs right after this event.
            killAfterThisEvent(SeaCloseReason.SLOW_CONSUMER);
            return false;
        }
        return true;
    }

    /**
     * A frame whose body is still arriving: reserves its declared length from the input budget and starts
     * its deadline. A refused frame gets the session killed, after the current event; the decoder then
     * discards the rest of the input.
     */
    @Override
    public boolean frameStarted(int length) {
        Reservation granted = budget.reserve(remoteAddress, length);
        if (granted.refusal() != null) {
            budget.refusalToReport(clock.instant()).ifPresent(refused -> log.warn(ChannelLog.format(channel,
                    "frame of " + length + " bytes refused: the input budget "
                    + (granted.refusal() == InputBudget.Refusal.PER_ADDRESS
                    ? "of this address (" + budget.perAddress() + " bytes)"
                    : "of the gateway (" + budget.total() + " bytes)") + " is in use, killing ("
                    + refused + " frame(s) refused since the last report)")));
            if (remoteAddress != null) {
                budget.startCooldown(remoteAddress, clock.instant());
            }
            killAfterThisEvent(SeaCloseReason.INPUT_BUDGET);
            return false;
        }
        reservation = granted;
        if (granted.holdsBytes()) {
            Instant deadline = clock.instant().plus(limits.largeFrameTimeout());
            frameDeadline = sweeper.register(now -> {
                if (!granted.holdsBytes()) {
                    return false;
                }
                if (now.isBefore(deadline)) {
                    return true;
                }
                sessionContext.executor().execute(() -> frameTimedOut(granted, length));
                return false;
            });
        }
        return true;
    }

    @Override
    public void frameCompleted() {
        releaseFrame();
    }

    private void releaseFrame() {
        reservation.release();
        TimeoutSweeper.Registration deadline = frameDeadline;
        if (deadline != null) {
            deadline.close();
        }
    }

    private void frameTimedOut(Reservation frame, int length) {
        if (frame.holdsBytes() && !closing) {
            log.warn(ChannelLog.format(channel, "frame of " + length + " bytes still incomplete after "
                    + limits.largeFrameTimeout().toSeconds() + " s, killing"));
            killAfterThisEvent(SeaCloseReason.FRAME_TIMEOUT);
        }
    }

    private void killAfterThisEvent(SeaCloseReason reason) {
        closing = true;
        if (user == null) {
            channel.close();
            return;
        }
        sessionContext.executor().execute(() -> service.kill(user, reason));
    }

    void writabilityChanged() {
        unwritableSince = channel.isWritable() ? null : (unwritableSince == null ? clock.instant() : unwritableSince);
    }

    @Override
    public void close() {
        closing = true;
        channel.close();
    }

    @Override
    public void startReading() {
        channel.config().setAutoRead(true);
    }

    @Override
    public void loggedIn() {
        // A logged-in session no longer counts against its address's cap of anonymous connections.
        ConnectionAdmission.authenticated(channel);
        sessionContext.fireUserEventTriggered(SeaEvents.LOGGED_IN);
    }

    @Override
    public void pauseReading(Instant until) {
        gate.pause();
        long delay = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        // Exact pause (Errata 2) in production; the housekeeping tick also resumes it when a test clock moves.
        sessionContext.executor().schedule(() -> service.resumeIfDue(user), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void resumeReading() {
        gate.resume();
    }

    @Override
    public String describe() {
        return ChannelLog.format(channel, "").stripTrailing();
    }

    @Override
    public byte[] defaultArchiveUrl() {
        int port = limits.webPort().getAsInt();
        if (port <= 0 || !(channel.localAddress() instanceof InetSocketAddress local)) {
            return new byte[0];
        }
        InetAddress address = local.getAddress();
        String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return ("http://" + host + ":" + port + "/").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public Instant unwritableSince() {
        return unwritableSince;
    }
}
