package dev.switchboard.http.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * Netty's chunked writer with two changes: it never resumes a stream from inside another write, and
 * it can leave the pipeline once everything queued in it has been written.
 *
 * <p>A write that pushes the outbound buffer over its high water mark fires a writability change
 * synchronously, and the core's flush consolidation flushes on it; when that flush drains the socket
 * the channel turns writable again, still inside the first write. The stock handler then reads the
 * next piece of the stream and writes it at once, re-entering the HTTP encoder while that encoder is
 * still writing out its own list: pieces leave out of order and one buffer is released twice. Here
 * every resumption runs as a task of its own on the channel's event loop, after the write in progress
 * has returned.
 *
 * <p>Only connections that stream a body get this stage (most answers are a cached buffer or a file
 * region and need no queue). It sits right after the codec, so once it is there every later write,
 * streamed or not, passes through its queue and responses leave in the order they were written.
 * Stateful, so one instance per connection; everything runs on the channel's event loop.
 */
final class StreamedBodyWriter extends ChunkedWriteHandler {

    private ChannelHandlerContext ctx;
    private boolean resumeScheduled;
    /** Writes that entered this stage and whose promise has not completed yet. */
    private int unfinishedWrites;
    private boolean leaveWhenDrained;

    /** Adds the writer right after the codec unless the connection already has one. */
    static void ensurePresent(ChannelPipeline pipeline) {
        if (pipeline.get(HttpPipeline.CHUNKED_WRITER) == null) {
            pipeline.addAfter(HttpPipeline.CODEC, HttpPipeline.CHUNKED_WRITER, new StreamedBodyWriter());
        }
    }

    /**
     * Removes the connection's writer, if it has one, as soon as nothing written through it is
     * still unfinished: removing it with messages in its queue would lose them.
     */
    static void removeWhenDrained(ChannelPipeline pipeline) {
        if (pipeline.get(HttpPipeline.CHUNKED_WRITER) instanceof StreamedBodyWriter writer) {
            writer.leaveWhenDrained = true;
            writer.leaveIfDrained();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        unfinishedWrites++;
        ChannelPromise tracked = promise.unvoid();
        tracked.addListener(f -> {
            unfinishedWrites--;
            leaveIfDrained();
        });
        super.write(ctx, msg, tracked);
    }

    private void leaveIfDrained() {
        ChannelHandlerContext context = ctx;
        if (leaveWhenDrained && unfinishedWrites == 0 && context != null && !context.isRemoved()) {
            context.pipeline().remove(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            resumeTransfer();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Called from the writability event and from completed writes; resumes one loop turn later. */
    @Override
    public void resumeTransfer() {
        ChannelHandlerContext context = ctx;
        if (context == null || resumeScheduled) {
            return;
        }
        resumeScheduled = true;
        context.executor().execute(() -> {
            resumeScheduled = false;
            if (!context.isRemoved()) {
                // Runs on the event loop, so the stock implementation flushes directly, on a fresh stack.
                super.resumeTransfer();
            }
        });
    }
}
