package dev.switchboard.http.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * Netty's chunked writer with one change: it never resumes a stream from inside another write.
 *
 * <p>A write that pushes the outbound buffer over its high water mark fires a writability change
 * synchronously, and the core's flush consolidation flushes on it; when that flush drains the socket
 * the channel turns writable again, still inside the first write. The stock handler then reads the
 * next piece of the stream and writes it at once, re-entering the HTTP encoder while that encoder is
 * still writing out its own list: pieces leave out of order and one buffer is released twice. Here
 * every resumption runs as a task of its own on the channel's event loop, after the write in progress
 * has returned. Stateful, so one instance per connection.
 */
final class StreamedBodyWriter extends ChunkedWriteHandler {

    private ChannelHandlerContext ctx;
    private boolean resumeScheduled;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
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
            // Runs on the event loop, so the stock implementation flushes directly, on a fresh stack.
            super.resumeTransfer();
        });
    }
}
