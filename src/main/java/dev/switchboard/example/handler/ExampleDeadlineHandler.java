package dev.switchboard.example.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.timeout.Expirable;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.example.codec.ExampleLineDecoder;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.service.ConnectionDeadlines;
import dev.switchboard.example.service.ExampleMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

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

    private final ConnectionDeadlines deadlines;
    private final ExampleLineDecoder decoder;
    private final Clock clock;
    private final TimeoutSweeper sweeper;
    private final ExampleMetrics metrics;
    private ChannelHandlerContext ctx;
    private TimeoutSweeper.Registration registration;

    ExampleDeadlineHandler(Duration idleTimeout, Duration partialLineTimeout, ExampleLineDecoder decoder,
                           Clock clock, TimeoutSweeper sweeper, ExampleMetrics metrics) {
        this.deadlines = new ConnectionDeadlines(idleTimeout, partialLineTimeout, clock.instant());
        this.decoder = decoder;
        this.clock = clock;
        this.sweeper = sweeper;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadlines.input(clock.instant(), false);
        registration = sweeper.register(ctx.channel().eventLoop(), this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean input = msg instanceof ByteBuf buf && buf.isReadable();
        ctx.fireChannelRead(msg);
        if (input) {
            // The decoder has consumed this read by now, so its partial-line state is current.
            deadlines.input(clock.instant(), decoder.hasPartialLine());
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

    /** Runs on the channel's event loop, where the deadline state lives. */
    @Override
    public boolean checkExpiry(Instant now) {
        if (!ctx.channel().isActive()) {
            return false;
        }
        switch (deadlines.check(now)) {
            case IDLE -> {
                cancel();
                Connection.of(ctx.channel()).close(ExampleCloseReason.IDLE_TIMEOUT, "nothing received for "
                        + deadlines.idleTimeout().toSeconds() + " s");
                return false;
            }
            case PARTIAL_LINE -> {
                cancel();
                // Counted with the refused lines: what it held never became a message.
                metrics.malformed(ExampleCloseReason.PARTIAL_LINE_TIMEOUT);
                Connection.of(ctx.channel()).close(ExampleCloseReason.PARTIAL_LINE_TIMEOUT,
                        "a line was left unfinished (no LF) for " + deadlines.partialLineTimeout().toSeconds()
                                + " s");
                return false;
            }
            case NONE -> {
            }
        }
        return true;
    }

    private void cancel() {
        if (registration != null) {
            registration.close();
            registration = null;
        }
    }
}
