package dev.switchboard.example.handler;

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

    private final Limits limits;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private final ExampleMetrics metrics;
    private final ExampleMessageEncoder encoder;
    private final MalformedLineHandler malformed;
    private final ExampleSessionHandler session;
    private final ChannelHandler tail;

    public ExampleChannelInitializer(Limits limits, Clock clock, TimeoutSweeper sweeper, ExampleMetrics metrics,
                                     ExampleMessageEncoder encoder, MalformedLineHandler malformed,
                                     ExampleSessionHandler session, ChannelHandler tail) {
        this.limits = limits;
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
