package dev.switchboard.core.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

/**
 * First stage of every pipeline: counts connections and raw bytes in both directions, and
 * transitions to unwritable, for one listener. Sitting next to the head, it sees wire bytes only.
 */
@Sharable
public final class ChannelMetricsHandler extends ChannelDuplexHandler {

    private final ChannelMetricsRecorder.ListenerMeters meters;

    public ChannelMetricsHandler(ChannelMetricsRecorder.ListenerMeters meters) {
        this.meters = meters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        meters.connectionAccepted();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        meters.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long size = sizeOf(msg);
        if (size > 0) {
            meters.bytesRead(size);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long size = sizeOf(msg);
        if (size > 0) {
            meters.bytesWritten(size);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            meters.becameUnwritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private static long sizeOf(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        if (msg instanceof FileRegion region) {
            return region.count();
        }
        return 0;
    }
}
