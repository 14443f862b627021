package dev.switchboard.example.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.connection.Goodbye;
import dev.switchboard.core.listener.ConnectionAdmission;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.ExampleLineDecoder;
import dev.switchboard.example.codec.ExampleMessageEncoder;
import dev.switchboard.example.codec.PartialLineBudget;
import dev.switchboard.example.service.ExampleMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

import java.time.Clock;
import java.time.Duration;

/** Builds an example TCP or unix-socket connection's pipeline, in {@link ExamplePipeline}'s order. */
public final class ExampleChannelInitializer extends ChannelInitializer<Channel> {

    /**
     * How long an example connection may stay silent or leave a line unfinished, and the memory budget
     * all of them share for unfinished lines.
     */
    public record Limits(int maxLineLength, PartialLineBudget budget, Duration idleTimeout,
                         Duration partialLineTimeout) {
    }

    /** The {@code protocol} of example connections in the core's metrics and logs. */
    public static final String PROTOCOL = "example";
    /**
     * The server writes one reply per line it reads, so what waits for a peer is bounded by what that peer sent;
     * the slow-consumer limit of the core connection never needs to act.
     */
    private static final long NO_SLOW_CONSUMER_LIMIT = Long.MAX_VALUE;

    private final Limits limits;
    private final Disconnector disconnector;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private final ExampleMetrics metrics;
    private final ExampleMessageEncoder encoder;
    private final MalformedLineHandler malformed;
    private final ExampleSessionHandler session;
    private final ChannelHandler tail;

    public ExampleChannelInitializer(Limits limits, Disconnector disconnector, Clock clock, TimeoutSweeper sweeper,
                                     ExampleMetrics metrics, ExampleMessageEncoder encoder,
                                     MalformedLineHandler malformed, ExampleSessionHandler session,
                                     ChannelHandler tail) {
        this.limits = limits;
        this.disconnector = disconnector;
        this.clock = clock;
        this.sweeper = sweeper;
        this.metrics = metrics;
        this.encoder = encoder;
        this.malformed = malformed;
        this.session = session;
        this.tail = tail;
    }

    @Override
    protected void initChannel(Channel ch) {
        // The example protocol has no login, so the per-address cap on not-yet-logged-in connections does not
        // apply; its idle and partial-line deadlines bound what an idle connection holds.
        ConnectionAdmission.authenticated(ch);
        // No goodbye message (spec §6.2: the peer just sees EOF): every close, shutdown included, closes TCP.
        Connection.attach(ch, PROTOCOL, NO_SLOW_CONSUMER_LIMIT, Goodbye.CLOSE, disconnector);
        ChannelPipeline p = ch.pipeline();
        // The decoder and the deadlines keep per-connection state, so each connection gets its own.
        ExampleLineDecoder decoder = new ExampleLineDecoder(limits.maxLineLength(), limits.budget());
        p.addLast(ExamplePipeline.DEADLINES, new ExampleDeadlineHandler(limits.idleTimeout(),
                limits.partialLineTimeout(), decoder, clock, sweeper, metrics));
        p.addLast(ExamplePipeline.DECODER, decoder);
        p.addLast(ExamplePipeline.ENCODER, encoder);
        p.addLast(ExamplePipeline.MALFORMED, malformed);
        p.addLast(ExamplePipeline.SESSION, session);
        p.addLast(ExamplePipeline.TAIL, tail);
    }
}
