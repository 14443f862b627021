package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.rooms.MessageDrop;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.SayOutcome;
import dev.switchboard.rooms.service.RoomsIntake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin adapter from level-3 packets (spec §6, §9) and connection events to the rooms service's intake. */
@Sharable
public final class RoomsSessionHandler extends SimpleChannelInboundHandler<TPacket> {

    private static final Logger log = LoggerFactory.getLogger(RoomsSessionHandler.class);

    private final RoomsIntake rooms;
    private final RoomsMetrics metrics;

    public RoomsSessionHandler(RoomsIntake rooms, RoomsMetrics metrics) {
        super(TPacket.class);
        this.rooms = rooms;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeComplete) {
            RoomsConnection.of(ctx.channel()).markOpen();
            metrics.connectionOpened();
            log.debug(ChannelLog.format(ctx.channel(), "rooms WebSocket open"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TPacket packet) {
        RoomsConnection connection = RoomsConnection.of(ctx.channel());
        Optional<Command> command = packet.command();
        if (command.isEmpty()) {
            log.debug(ChannelLog.format(ctx.channel(), "ignoring unknown command " + packet.cmd()));
            return;
        }
        switch (command.get()) {
            case SET_USER_NICK -> refuse(ctx.channel(), connection, packet.uid(), "renaming is not supported");
            case SET_ROOM -> {
                JoinOutcome outcome = rooms.join(connection, packet.uid(), packet.blob());
                if (outcome == JoinOutcome.PENDING) {
                    connection.awaitDecision();
                } else {
                    joinDecided(ctx.channel(), connection, packet.uid(), outcome);
                }
            }
            case NEW_MSG -> {
                metrics.messageIn();
                SayOutcome outcome = rooms.say(connection, packet.blob());
                if (outcome != SayOutcome.SENT) {
                    metrics.messageDropped(MessageDrop.of(outcome));
                    refuse(ctx.channel(), connection, packet.uid(), "message refused: " + outcome);
                }
            }
            // _NOP and server-to-client commands are ignored at level 3 (spec §9).
            default -> log.debug(ChannelLog.format(ctx.channel(), "ignoring " + command.get() + " at level 3"));
        }
    }

    /**
     * Answers join request {@code uid}, decided at once or later by the cluster: a joined member already has its
     * OK, roster and history; any other outcome gets {@code _RESP_ERROR}. On the channel's event loop.
     */
    void joinDecided(Channel channel, RoomsConnection connection, int uid, JoinOutcome outcome) {
        if (outcome != JoinOutcome.JOINED) {
            refuse(channel, connection, uid, "join refused: " + outcome);
        }
    }

    private static void refuse(Channel channel, RoomsConnection connection, int uid, String why) {
        log.debug(ChannelLog.format(channel, why));
        connection.send(TPacket.respError(uid));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            metrics.becameUnwritable();
        }
        super.channelWritabilityChanged(ctx);
    }
}
