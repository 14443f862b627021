package dev.switchboard.tools.load.sea;

import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerDecoder;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.load.ClientEvents;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;

/**
 * Logs one benchmark client in (§5.2) as soon as the connection opens and turns the server's messages
 * into driver events: USERLIST means logged in, a broken stream is a failure (each MESSAGE is a delivery,
 * reported by the decoder). Stateful (the login is sent once per connection), so built per channel.
 */
final class SeaClientHandler extends SimpleChannelInboundHandler<Object> {

    private final int index;
    private final ClientEvents events;
    private boolean loggedIn;

    SeaClientHandler(int index, ClientEvents events) {
        this.index = index;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        byte[] user = ("bench" + index).getBytes(StandardCharsets.US_ASCII);
        byte[] computer = "loadhost".getBytes(StandardCharsets.US_ASCII);
        ctx.writeAndFlush(SeaClientFrames.login(ctx.alloc(), user, computer));
        ctx.fireChannelActive();
    }

    // Deliveries never get here: the decoder hands MESSAGE payloads to the driver in place.
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SeaServerMessage.UserList && !loggedIn) {
            loggedIn = true;
            events.ready();
        } else if (msg instanceof SeaServerDecoder.Failure failure) {
            events.failed(failure.reason());
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        events.readComplete();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        events.failed(cause.toString());
        ctx.close();
    }
}
