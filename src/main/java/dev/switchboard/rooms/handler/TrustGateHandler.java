package dev.switchboard.rooms.handler;

import dev.switchboard.core.connection.ChannelLog;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.message.RoomsCloseReason;
import dev.switchboard.rooms.message.TPacket;
import dev.switchboard.rooms.message.TrustLevel;
import dev.switchboard.rooms.service.Rooms.NickOutcome;
import dev.switchboard.rooms.service.RoomsIntake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trust levels 1 and 2 (spec §4): the first message must be the magic-string {@code _NOP}, then a nick must be
 * accepted before anything else is served. Removes itself from the pipeline once the connection is trusted.
 */
@Sharable
public final class TrustGateHandler extends SimpleChannelInboundHandler<TPacket> {

    private static final Logger log = LoggerFactory.getLogger(TrustGateHandler.class);

    private final RoomsIntake rooms;
    private final byte[] magic;
    private final int maxNickAttempts;

    public TrustGateHandler(RoomsIntake rooms, String magicString, int maxNickAttempts) {
        super(TPacket.class);
        this.rooms = rooms;
        this.magic = magicString.getBytes(StandardCharsets.UTF_8);
        this.maxNickAttempts = maxNickAttempts;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TPacket packet) {
        RoomsConnection connection = RoomsConnection.of(ctx.channel());
        switch (connection.level()) {
            case HANDSHAKE, MAGIC -> checkMagic(ctx, connection, packet);
            case NICK -> checkNick(ctx, connection, packet);
            case TRUSTED -> ctx.fireChannelRead(packet);
        }
    }

    private void checkMagic(ChannelHandlerContext ctx, RoomsConnection connection, TPacket packet) {
        // Stricter than the original (spec §4): cmd must be _NOP and the blob exactly the magic string.
        if (packet.cmd() == Command.NOP.code() && packet.blobEquals(magic)) {
            connection.level(TrustLevel.NICK); // no reply at this level
            return;
        }
        connection.connection().close(RoomsCloseReason.BAD_MAGIC, "first message is not the magic string: " + packet);
    }

    private void checkNick(ChannelHandlerContext ctx, RoomsConnection connection, TPacket packet) {
        if (packet.cmd() == Command.NOP.code()) {
            return;
        }
        if (packet.cmd() == Command.SET_USER_NICK.code()) {
            NickOutcome outcome = rooms.setNick(connection, packet.uid(), packet.blob());
            if (outcome == NickOutcome.PENDING) {
                connection.awaitDecision();
                return;
            }
            decided(ctx.channel(), connection, packet.uid(), outcome);
        } else {
            refuse(ctx.channel(), connection, packet.uid(), "command " + packet.cmd() + " before a nick was accepted");
        }
    }

    /** Answers nick request {@code uid}, decided at once or later by the cluster. On the channel's event loop. */
    void decided(Channel channel, RoomsConnection connection, int uid, NickOutcome outcome) {
        if (outcome == NickOutcome.ACCEPTED) {
            connection.level(TrustLevel.TRUSTED);
            connection.send(TPacket.respOk(uid));
            if (channel.pipeline().get(RoomsPipeline.TRUST_GATE) != null) {
                channel.pipeline().remove(RoomsPipeline.TRUST_GATE);
            }
            return;
        }
        refuse(channel, connection, uid, "nick " + outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void refuse(Channel channel, RoomsConnection connection, int uid, String why) {
        if (connection.refuseNick() > maxNickAttempts) {
            connection.connection().close(RoomsCloseReason.NICK_FLOOD,
                    "more than " + maxNickAttempts + " refused nick requests");
            return;
        }
        log.debug(ChannelLog.format(channel, "refused at level 2: " + why));
        // Spec §4: _RESP_ERROR echoing the uid, and the connection stays at level 2.
        connection.send(TPacket.respError(uid));
    }
}
