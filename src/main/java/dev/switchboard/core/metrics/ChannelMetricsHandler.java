package dev.switchboard.core.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.channel.socket.DatagramChannel;

/**
 * First stage of every pipeline: counts connections and raw bytes in both directions, and
 * transitions to unwritable, for one listener. Sitting next to the head, it sees wire bytes only, and
 * marks when each read began so broadcasts it causes can report their delivery lag. A UDP listener's
 * single datagram channel is not a connection and is not counted as one.
 */
@Sharable
public final class ChannelMetricsHandler extends ChannelDuplexHandler {

    private final ChannelMetricsRecorder.ListenerMeters meters;

    public ChannelMetricsHandler(ChannelMetricsRecorder.ListenerMeters meters) {
        this.meters = meters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DatagramChannel)) {
            meters.connectionAccepted();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof DatagramChannel)) {
            meters.connectionClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long size = sizeOf(msg);
        if (size > 0) {
            meters.bytesRead(size);
        }
        meters.readStarted(ctx.channel());
        try {
            ctx.fireChannelRead(msg);
        } finally {
            meters.readFinished();
        }
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
