package dev.switchboard.core.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The bytes a {@link Connection} sent in the current event-loop turn, copied into one buffer that is written as
 * ONE outbound entry when the turn's flush comes. Netty's bookkeeping (a recycled entry, a flush mark, a
 * reference-count check) is then paid once per channel per turn instead of once per message; for the small
 * messages of a fan-out that bookkeeping costs more than copying the bytes.
 *
 * <p>It sits next to the head, behind the flush consolidation: the bytes it holds are already on the wire form,
 * and any other write or flush that reaches it (a protocol stage's own write, a close frame, a pong) first
 * writes what the turn holds, so per-channel order is call order whoever writes. What it holds is released when
 * the channel closes, goes inactive or the stage is removed. Installed on the first byte message a connection
 * sends (protocols that only send objects, like HTTP, never get it); stateful, one per channel, event loop only
 * except {@link #queuedBytes}.
 */
final class TurnOutput extends ChannelDuplexHandler {

    static final String NAME = "core-turn-output";
    /** Messages up to this size are copied; a larger one is cheaper as an entry of its own than as a copy. */
    static final int COPY_LIMIT = 2048;
    /** Room for several small messages before the first growth, small enough for a consumer that lags. */
    private static final int FIRST_CAPACITY = 256;
    private static final AtomicIntegerFieldUpdater<TurnOutput> QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(TurnOutput.class, "queued");

    private ChannelHandlerContext ctx;
    private ByteBuf turn;
    private boolean removed;
    /** Bytes held for this turn, read by other threads for the slow-consumer bound. */
    private volatile int queued;

    private TurnOutput() {
    }

    /** The channel's turn output, installed after the flush consolidation (or first) when it has none yet. */
    static TurnOutput of(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        TurnOutput existing = pipeline.get(TurnOutput.class);
        if (existing != null) {
            return existing;
        }
        TurnOutput output = new TurnOutput();
        ChannelHandlerContext flush = pipeline.context(FlushConsolidationHandler.class);
        if (flush != null) {
            pipeline.addAfter(flush.name(), NAME, output);
        } else {
            pipeline.addFirst(NAME, output);
        }
        output.ctx = pipeline.context(output);
        return output;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        discard();
    }

    /**
     * Adds {@code bytes} to this turn's output; ownership passes here (copied and released, or written as its own
     * entry when large). Nothing is written to the socket until the next flush. On the event loop.
     */
    void append(ByteBuf bytes) {
        if (bytes.readableBytes() > COPY_LIMIT && isOpen()) {
            writeTurn();
            ctx.write(bytes, ctx.voidPromise());
            return;
        }
        try {
            copy(bytes);
        } finally {
            bytes.release();
        }
    }

    /**
     * Adds a copy of {@code shared}'s readable bytes (a retained duplicate when large); the caller keeps its
     * reference and the bytes' indexes are not moved. On the event loop.
     */
    void copy(ByteBuf shared) {
        if (!isOpen()) {
            return;
        }
        int size = shared.readableBytes();
        if (size > COPY_LIMIT) {
            writeTurn();
            ctx.write(shared.retainedDuplicate(), ctx.voidPromise());
            return;
        }
        if (turn == null) {
            turn = ctx.alloc().ioBuffer(Math.max(FIRST_CAPACITY, size));
        }
        turn.writeBytes(shared, shared.readerIndex(), size);
        QUEUED.lazySet(this, turn.readableBytes());
    }

    private boolean isOpen() {
        return !removed && ctx.channel().isActive();
    }

    /** Bytes appended this turn and not yet handed to the outbound buffer. Any thread; may lag a little. */
    int queuedBytes() {
        return queued;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writeTurn();
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeTurn();
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        // Closing fails every unflushed write; what this turn holds was not flushed either.
        discard();
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discard();
        ctx.fireChannelInactive();
    }

    /** Hands the turn's bytes to the outbound buffer as one entry. */
    private void writeTurn() {
        ByteBuf bytes = turn;
        if (bytes != null) {
            turn = null;
            QUEUED.lazySet(this, 0);
            ctx.write(bytes, ctx.voidPromise());
        }
    }

    private void discard() {
        ByteBuf bytes = turn;
        if (bytes != null) {
            turn = null;
            QUEUED.lazySet(this, 0);
            bytes.release();
        }
    }
}
