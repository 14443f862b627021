package dev.switchboard.sea.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * Holds decoded frames while the session is throttled (§11.2), so that the next frame is not processed
 * before the pause ends. Reading from the socket is paused at the same time ({@code autoRead = false}),
 * so only frames that were already read are held: at most one read's worth plus one frame. Stateful,
 * one per connection; runs on the connection's SEA I/O loop.
 */
final class SeaFloodGate extends ChannelInboundHandlerAdapter {

    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean paused;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (paused || !held.isEmpty()) {
            held.add(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** Stops passing frames on and stops reading the socket. */
    void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    /**
     * Passes held frames on, one at a time, until the session is paused again; then reads the socket
     * again if it was not.
     */
    void resume() {
        paused = false;
        boolean delivered = false;
        while (!paused && !held.isEmpty() && ctx.channel().isActive()) {
            ctx.fireChannelRead(held.poll());
            delivered = true;
        }
        if (delivered) {
            ctx.fireChannelReadComplete();
        }
        if (!paused && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    /** A killed session's held frames are dropped: it is gone, nothing more of it is processed. */
    private void releaseHeld() {
        Object msg;
        while ((msg = held.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
