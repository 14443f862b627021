package dev.switchboard.sea.handler;

import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.sea.message.SeaRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The last SEA stage, on the I/O loop: hands the roster typed events of its connection, in the order they
 * happened: the accept, the requests decoded from each read (one roster task per read, not per request), the
 * writability changes and the close. Requests of different connections reach the roster in the order this loop
 * decoded them. Stateful, one per connection.
 */
final class SeaSessionHandler extends ChannelInboundHandlerAdapter {

    private final SeaNettyLink link;
    private final SeaReadState state;
    private final Executor roster;
    private final HandlingTimer commands;
    private List<SeaRequest> decoded = new ArrayList<>();
    private long readNanos;

    SeaSessionHandler(SeaNettyLink link, SeaReadState state, Executor roster, HandlingTimer commands) {
        this.link = link;
        this.state = state;
        this.roster = roster;
        this.commands = commands;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // SEA is IPv4 over TCP (§2.1); a unix-socket peer is treated as a local loopback client.
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        toRoster(() -> link.accepted(remote));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof SeaRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        // The next frame's cap and parse version depend on this one: follow it before anything else is decoded.
        state.decoded(request);
        if (decoded.isEmpty()) {
            readNanos = commands.readNanos(ctx.channel());
        }
        decoded.add(request);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        forward();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        toRoster(() -> link.writabilityChanged(writable));
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        forward();
        toRoster(link::disconnected);
        ctx.fireChannelInactive();
    }

    private void forward() {
        if (decoded.isEmpty()) {
            return;
        }
        List<SeaRequest> requests = decoded;
        long read = readNanos;
        decoded = new ArrayList<>();
        toRoster(() -> link.handle(requests, read));
    }

    private void toRoster(Runnable task) {
        try {
            roster.execute(task);
        } catch (RejectedExecutionException rosterGone) {
            // The gateway is stopping: the service that would handle this is gone with its thread.
        }
    }
}
