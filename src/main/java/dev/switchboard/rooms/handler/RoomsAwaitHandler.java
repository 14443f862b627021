package dev.switchboard.rooms.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * On a cluster only: while a connection's nick request or join is being decided by the cluster, its later packets
 * wait here, so a client that sends its nick and its join without waiting for the answers (spec §4 allows it) has
 * them handled in order, as on a single node. Reading from the socket pauses meanwhile, so what waits is at most
 * what one read brought. One per connection; on the channel's event loop.
 */
final class RoomsAwaitHandler extends ChannelInboundHandlerAdapter {

    private final ArrayDeque<Object> held = new ArrayDeque<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RoomsConnection connection = RoomsConnection.of(ctx.channel());
        if (connection.awaiting() || !held.isEmpty()) {
            held.addLast(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Passes on the held packets until one of them awaits a decision again. */
    void release(ChannelHandlerContext ctx, RoomsConnection connection) {
        while (!held.isEmpty() && !connection.awaiting() && !ctx.isRemoved()) {
            ctx.fireChannelRead(held.pollFirst());
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.pollFirst());
        }
    }
}
