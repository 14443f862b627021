package dev.switchboard.example.codec;

import dev.switchboard.example.message.ExampleCloseReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ByteProcessor;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounded LF framing (spec §2.1) plus parsing: emits {@code ExampleMessage} or a core {@code MalformedInput}.
 *
 * <p>Complete lines are parsed straight from the received buffer, which is released at once. Only the
 * unfinished tail of a line is kept, copied into an unpooled heap buffer that grows with the bytes
 * actually received (doubling, never past {@code maxLineLength}) and is charged to the
 * {@link PartialLineBudget} all connections share; so a connection holding half a line pins no pooled
 * direct memory, and everything it held is given back when the line completes or the connection ends.
 *
 * <p>An empty line is dropped silently as REF does; a line over {@code maxLineLength} bytes (LF excluded)
 * yields one {@link ExampleCloseReason#TOO_LONG} as soon as the limit is passed, without waiting for its
 * end, and the rest of it is discarded; a partial line the budget cannot hold yields one
 * {@link ExampleCloseReason#OVER_BUDGET}. Stateful, so one instance per channel; runs on its event
 * loop. Never logs or closes: that is the handler's job.
 */
public final class ExampleLineDecoder extends ChannelInboundHandlerAdapter {

    private static final int INITIAL_CAPACITY = 256;

    private final int maxLineLength;
    private final PartialLineBudget budget;
    /** The unfinished line, fully readable; null when there is none. Owned by this decoder. */
    private ByteBuf partial;
    /** Bytes of {@link #budget} reserved for {@link #partial}'s capacity. */
    private int reserved;
    private boolean discarding;

    /** A decoder with a budget of its own (one maximal line): for tests and tools. */
    public ExampleLineDecoder(int maxLineLength) {
        this(maxLineLength, new PartialLineBudget(Math.max(1, maxLineLength)));
    }

    public ExampleLineDecoder(int maxLineLength, PartialLineBudget budget) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
        this.budget = budget;
    }

    /** Whether bytes of an unfinished line are held (for the partial-line deadline). */
    public boolean hasPartialLine() {
        return partial != null;
    }

    /** Bytes of memory held for the unfinished line (its buffer's capacity). */
    public int heldBytes() {
        return reserved;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        List<Object> out = new ArrayList<>(4);
        try {
            decode(in, out);
        } finally {
            in.release();
        }
        // Decoded results hold copies (strings), never the released buffer.
        for (Object result : out) {
            ctx.fireChannelRead(result);
        }
    }

    void decode(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (discarding) {
                int eol = in.forEachByte(ByteProcessor.FIND_LF);
                if (eol < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(eol + 1);
                discarding = false;
                continue;
            }
            int held = partial == null ? 0 : partial.readableBytes();
            int room = maxLineLength - held;
            // Look no further than one byte past the limit: the decoder stays bounded.
            int window = Math.min(in.readableBytes(), room + 1);
            int eol = in.forEachByte(in.readerIndex(), window, ByteProcessor.FIND_LF);
            if (eol < 0) {
                if (in.readableBytes() > room) {
                    String preview = LineDecoding.preview(partial != null ? partial : in);
                    out.add(LineDecoding.malformed(ExampleCloseReason.TOO_LONG,
                            "line longer than " + maxLineLength + " bytes", preview));
                    dropPartial();
                    in.skipBytes(window);
                    discarding = true;
                    continue;
                }
                keep(in, out);
                return;
            }
            int length = eol - in.readerIndex();
            if (partial == null) {
                if (length > 0) {
                    LineDecoding.decode(in.readSlice(length), out);
                }
            } else {
                // The line's head is in partial, its tail in this read: parse both without copying again.
                ByteBuf line = Unpooled.wrappedBuffer(partial.retain(), in.readRetainedSlice(length));
                try {
                    LineDecoding.decode(line, out);
                } finally {
                    line.release();
                    dropPartial();
                }
            }
            in.skipBytes(1);
        }
    }

    /** Copies the unfinished tail of {@code in} into {@link #partial}, within the budget. */
    private void keep(ByteBuf in, List<Object> out) {
        int required = (partial == null ? 0 : partial.readableBytes()) + in.readableBytes();
        int capacity = partial == null ? 0 : partial.capacity();
        if (required > capacity) {
            int grown = Math.min(maxLineLength, Math.max(required, Math.max(INITIAL_CAPACITY, capacity * 2)));
            if (!budget.tryReserve(grown - capacity)) {
                String preview = LineDecoding.preview(partial != null ? partial : in);
                out.add(LineDecoding.malformed(ExampleCloseReason.OVER_BUDGET, "partial line of " + required
                        + " bytes does not fit the " + budget.limit() + "-byte budget for partial lines", preview));
                dropPartial();
                in.skipBytes(in.readableBytes());
                discarding = true;
                return;
            }
            reserved += grown - capacity;
            if (partial == null) {
                partial = Unpooled.buffer(grown, maxLineLength);
            } else {
                partial.capacity(grown);
            }
        }
        partial.writeBytes(in);
    }

    private void dropPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            reportTruncated(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reportTruncated(ctx);
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropPartial();
    }

    private void reportTruncated(ChannelHandlerContext ctx) {
        if (partial == null) {
            return;
        }
        // Half a line then EOF (or a shutdown input): a line needs its LF (§2.1), so drop it.
        Object truncated = LineDecoding.malformed(ExampleCloseReason.TRUNCATED,
                partial.readableBytes() + " bytes without a final LF", LineDecoding.preview(partial));
        dropPartial();
        ctx.fireChannelRead(truncated);
    }
}
