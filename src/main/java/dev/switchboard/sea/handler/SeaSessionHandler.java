package dev.switchboard.sea.handler;

import dev.switchboard.core.metrics.HandlingTimer;
import dev.switchboard.sea.message.SeaRequest;
import dev.switchboard.sea.service.SeaService;
import dev.switchboard.sea.service.SeaUser;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Thin adapter from Netty events to {@link SeaService}: accept, one request at a time, writability
 * and close. Stateful only through the channel's {@link SeaConnection}; one per connection because it
 * remembers its context for the service's callbacks. Runs on the SEA roster executor.
 */
final class SeaSessionHandler extends SimpleChannelInboundHandler<SeaRequest> {

    private final SeaService service;
    private final HandlingTimer commands;

    SeaSessionHandler(SeaService service, HandlingTimer commands) {
        this.service = service;
        this.commands = commands;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SeaConnection connection = SeaConnection.of(ctx.channel());
        // SEA is IPv4 over TCP (§2.1); a unix-socket peer is treated as a local loopback client.
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        connection.bind(service, ctx, null);
        SeaUser user = service.accept(connection, remote.getAddress(), remote.getPort());
        if (user != null) {
            connection.bind(service, ctx, user);
            ctx.fireUserEventTriggered(new SeaEvents.Admitted(user, service.loginTimeout(user)));
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SeaRequest request) {
        SeaUser user = SeaConnection.of(ctx.channel()).user();
        if (user != null) {
            commands.handle(ctx.channel(), request.command(), () -> service.handle(user, request));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        SeaConnection.of(ctx.channel()).writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        SeaUser user = SeaConnection.of(ctx.channel()).user();
        if (user != null) {
            service.disconnected(user);
        }
        ctx.fireChannelInactive();
    }
}
