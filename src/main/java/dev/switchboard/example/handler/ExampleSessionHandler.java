package dev.switchboard.example.handler;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.example.message.ExampleCloseReason;
import dev.switchboard.example.message.ExampleMessage;
import dev.switchboard.example.service.CommandOutcome;
import dev.switchboard.example.service.ExampleListeners;
import dev.switchboard.example.service.ExampleMetrics;
import dev.switchboard.example.service.ExampleServerConversation;
import dev.switchboard.example.service.PeerKind;
import dev.switchboard.example.service.ServerAction;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Terminal stage of an example connection: sends {@code HI} on accept (spec §6.1), hands each message
 * to {@link ExampleServerConversation} and carries out its decision. Stateless (the protocol keeps no
 * per-connection state), so one instance serves every connection of a listener.
 */
@ChannelHandler.Sharable
public final class ExampleSessionHandler extends SimpleChannelInboundHandler<ExampleMessage> {

    private static final Logger log = LoggerFactory.getLogger(ExampleSessionHandler.class);

    private final ExampleServerConversation conversation;
    private final ExampleListeners listeners;
    private final ExampleMetrics metrics;
    private final boolean unixSocket;

    /**
     * @param unixSocket true for the unix-socket listener, whose peers are local processes by construction
     */
    public ExampleSessionHandler(ExampleServerConversation conversation, ExampleListeners listeners,
                                 ExampleMetrics metrics, boolean unixSocket) {
        super(ExampleMessage.class);
        this.conversation = conversation;
        this.listeners = listeners;
        this.metrics = metrics;
        this.unixSocket = unixSocket;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // The server speaks first, before reading anything (spec §6.1 step 1).
        ctx.writeAndFlush(ExampleServerConversation.GREETING);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ExampleMessage msg) {
        if (Connection.of(ctx.channel()).isClosing()) {
            // The connection is ending (QUIT, an over-long line): lines read behind that get no reply.
            return;
        }
        ServerAction action = conversation.onMessage(msg, peerKind(ctx.channel().remoteAddress()));
        if (action instanceof ServerAction.Reply reply) {
            if (reply.warning() != null) {
                log.warn(ChannelLog.format(ctx.channel(), reply.warning()));
            }
            metrics.command(reply.outcome());
            ctx.writeAndFlush(reply.message());
        } else if (action instanceof ServerAction.Quit) {
            // Spec §6.4: no reply, drop this connection, stop the example listeners, keep the others.
            metrics.command(CommandOutcome.QUIT);
            Connection.of(ctx.channel()).close(ExampleCloseReason.QUIT,
                    "QUIT accepted: stopping the example listeners; open connections stay served");
            listeners.stopAll();
        }
    }

    private PeerKind peerKind(SocketAddress remote) {
        if (unixSocket) {
            return PeerKind.UNIX_SOCKET;
        }
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress()) {
            return PeerKind.LOOPBACK;
        }
        return PeerKind.REMOTE;
    }
}
