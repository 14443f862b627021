package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.rooms.MessageDrop;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.service.Rooms.JoinOutcome;
import dev.switchboard.rooms.service.Rooms.SayOutcome;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin adapter from level-3 packets (spec §6, §9) and connection events to the {@link Rooms} service. */
@Sharable
public final class RoomsSessionHandler extends SimpleChannelInboundHandler<TPacket> {

    private static final Logger log = LoggerFactory.getLogger(RoomsSessionHandler.class);

    private final Rooms rooms;
    private final RoomsMetrics metrics;

    public RoomsSessionHandler(Rooms rooms, RoomsMetrics metrics) {
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
            case SET_USER_NICK -> refuse(ctx, connection, packet, "renaming is not supported");
            case SET_ROOM -> {
                JoinOutcome outcome = rooms.join(connection, packet.uid(), packet.blob());
                if (outcome != JoinOutcome.JOINED) {
                    refuse(ctx, connection, packet, "join refused: " + outcome);
                }
            }
            case NEW_MSG -> {
                metrics.messageIn();
                SayOutcome outcome = rooms.say(connection, packet.blob());
                if (outcome != SayOutcome.SENT) {
                    metrics.messageDropped(MessageDrop.of(outcome));
                    refuse(ctx, connection, packet, "message refused: " + outcome);
                }
            }
            // _NOP and server-to-client commands are ignored at level 3 (spec §9).
            default -> log.debug(ChannelLog.format(ctx.channel(), "ignoring " + command.get() + " at level 3"));
        }
    }

    private static void refuse(ChannelHandlerContext ctx, RoomsConnection connection, TPacket packet, String why) {
        log.debug(ChannelLog.format(ctx.channel(), why));
        connection.send(TPacket.respError(packet.uid()));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!ctx.channel().isWritable()) {
            metrics.becameUnwritable();
        }
        super.channelWritabilityChanged(ctx);
    }
}
