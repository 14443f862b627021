package dev.switchboard.example.handler;

import dev.switchboard.core.pipeline.ChannelLog;
import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.ExampleLineDecoder;
import dev.switchboard.example.service.ConnectionDeadlines;
import dev.switchboard.example.service.ExampleMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Closes an example connection that sends nothing for the idle timeout, or leaves a line unfinished for
 * the partial-line timeout. The protocol has no goodbye message (spec §6.2: the peer just sees EOF, and
 * the permanent client reconnects on its schedule, §7), so the outcome is a plain close. Time comes from
 * the injected clock through the core {@link TimeoutSweeper}. Stateful, so built per channel; sits before
 * the decoder, whose partial-line state it reads after each read has passed through.
 */
final class ExampleDeadlineHandler extends ChannelInboundHandlerAdapter implements Expirable {

    private static final Logger log = LoggerFactory.getLogger(ExampleDeadlineHandler.class);

    private final ConnectionDeadlines deadlines;
    private final ExampleLineDecoder decoder;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private final ExampleMetrics metrics;
    /** Copy of {@code deadlines.nextDue()} the sweeper thread may read, so idle sweeps cost no task. */
    private volatile Instant nextDue;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    ExampleDeadlineHandler(Duration idleTimeout, Duration partialLineTimeout, ExampleLineDecoder decoder,
                           Clock clock, TimeoutSweeper sweeper, ExampleMetrics metrics) {
        this.deadlines = new ConnectionDeadlines(idleTimeout, partialLineTimeout, clock.instant());
        this.decoder = decoder;
        this.clock = clock;
        this.sweeper = sweeper;
        this.metrics = metrics;
        this.nextDue = deadlines.nextDue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadlines.input(clock.instant(), false);
        nextDue = deadlines.nextDue();
        registration = sweeper.register(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean input = msg instanceof ByteBuf buf && buf.isReadable();
        ctx.fireChannelRead(msg);
        if (input) {
            // The decoder has consumed this read by now, so its partial-line state is current.
            deadlines.input(clock.instant(), decoder.hasPartialLine());
            nextDue = deadlines.nextDue();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** Runs on the sweeper's thread: hops to the event loop, where the deadline state lives. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        if (now.isBefore(nextDue)) {
            return true;
        }
        ctx.executor().execute(() -> expire(now));
        return true;
    }

    /** Runs on the channel's event loop. */
    private void expire(Instant now) {
        switch (deadlines.check(now)) {
            case IDLE -> {
                cancel();
                log.info(ChannelLog.format(ctx.channel(), "closing idle example connection: nothing received for "
                        + deadlines.idleTimeout().toSeconds() + " s"));
                ctx.close();
            }
            case PARTIAL_LINE -> {
                cancel();
                log.warn(ChannelLog.format(ctx.channel(), "closing example connection: a line was left unfinished"
                        + " (no LF) for " + deadlines.partialLineTimeout().toSeconds() + " s"));
                // Counted with the refused lines: what it held never became a message.
                metrics.malformed("partial_line_timeout");
                ctx.close();
            }
            case NONE -> nextDue = deadlines.nextDue();
        }
    }

    private void cancel() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
