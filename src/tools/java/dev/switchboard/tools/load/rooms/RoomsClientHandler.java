package dev.switchboard.tools.load.rooms;

import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.tools.load.ClientEvents;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Walks one client through the rooms trust levels (§4, §7.1): after the upgrade it sends the magic
 * string and the nick back to back, joins the room on the nick's {@code _RESP_OK}, and is ready on the
 * room's {@code _RESP_OK} (or on the nick's when no room is asked for). Afterwards every
 * {@code _NEW_MSG} is a delivery. Stateful (its uid counter and level), so built per channel.
 */
final class RoomsClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final String nick;
    private final String room;
    private final ClientEvents events;
    private int nextUid = 0x1000;
    private int nickUid = -1;
    private int roomUid = -1;
    private boolean ready;

    RoomsClientHandler(String nick, String room, ClientEvents events) {
        this.nick = nick;
        this.room = room;
        this.events = events;
    }

    /** Per-connection counter from 0x1000, as the reference client numbers its packets (§5). */
    private int nextUid() {
        return nextUid++;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.write(new BinaryWebSocketFrame(TPackets.packet(ctx.alloc(), nextUid(), TPackets.NOP, TPackets.MAGIC)));
            nickUid = nextUid();
            ctx.writeAndFlush(new BinaryWebSocketFrame(TPackets.packet(ctx.alloc(), nickUid, TPackets.SET_USER_NICK,
                    nick.getBytes(StandardCharsets.UTF_8))));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            events.failed("WebSocket handshake timed out");
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            // A server close (e.g. 1008 slow-consumer) explains the losses it causes.
            events.failed("server closed the WebSocket: " + close.statusCode() + " " + close.reasonText());
            ctx.close();
            return;
        }
        if (!(frame instanceof BinaryWebSocketFrame)) {
            return;
        }
        ByteBuf packet = frame.content();
        String invalid = TPackets.invalid(packet);
        if (invalid != null) {
            events.failed(invalid);
            ctx.close();
            return;
        }
        int cmd = TPackets.cmd(packet);
        if (cmd == TPackets.NEW_MSG) {
            events.delivered(packet, packet.readerIndex() + TPackets.HEADER, packet.readableBytes() - TPackets.HEADER);
            return;
        }
        int uid = TPackets.uid(packet);
        if (cmd == TPackets.RESP_ERROR && (uid == nickUid || uid == roomUid)) {
            events.failed(uid == nickUid ? "nick '" + nick + "' refused" : "join of room '" + room + "' refused");
            ctx.close();
        } else if (cmd == TPackets.RESP_OK && uid == nickUid) {
            if (room.isEmpty()) {
                markReady();
            } else {
                roomUid = nextUid();
                ctx.writeAndFlush(new BinaryWebSocketFrame(TPackets.packet(ctx.alloc(), roomUid, TPackets.SET_ROOM,
                        room.getBytes(StandardCharsets.UTF_8))));
            }
        } else if (cmd == TPackets.RESP_OK && uid == roomUid) {
            markReady();
        }
    }

    private void markReady() {
        if (!ready) {
            ready = true;
            events.ready();
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
