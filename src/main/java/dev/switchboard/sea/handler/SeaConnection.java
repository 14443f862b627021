package dev.switchboard.sea.handler;

import dev.switchboard.core.pipeline.ChannelLog;
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
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Per-connection SEA state, the one object on the channel's {@link #KEY} (STYLE lesson 6): the session
 * it belongs to, the frame-size cap for the decoder, and the {@link SeaLink} the service drives.
 * Everything here runs on the SEA roster executor.
 */
public final class SeaConnection implements SeaLink, SeaDecodeContext {

    static final AttributeKey<SeaConnection> KEY = AttributeKey.valueOf(SeaConnection.class, "sea");
    private static final Logger log = LoggerFactory.getLogger(SeaConnection.class);

    private final Channel channel;
    private final SeaLimits limits;
    private final SeaSettings settings;
    private final Clock clock;
    private final SeaFloodGate gate;
    private SeaService service;
    private ChannelHandlerContext sessionContext;
    private SeaUser user;
    private Instant unwritableSince;
    private boolean closing;

    SeaConnection(Channel channel, SeaLimits limits, SeaSettings settings, Clock clock, SeaFloodGate gate) {
        this.channel = channel;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.gate = gate;
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
        if (closing || !channel.isActive()) {
            buf.release();
            return false;
        }
        if (!channel.isWritable() && channel.bytesBeforeWritable() > limits.slowConsumerMaxPending()) {
            buf.release();
            closing = true;
            log.warn(ChannelLog.format(channel, "slow consumer: " + channel.bytesBeforeWritable()
                    + " bytes queued, killing"));
            // Not inline: we are inside a broadcast loop over the roster; runs right after this event.
            sessionContext.executor().execute(() -> service.kill(user, SeaCloseReason.SLOW_CONSUMER));
            return false;
        }
        return true;
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
    public Instant unwritableSince() {
        return unwritableSince;
    }
}
