package dev.switchboard.tools.load.rooms;

import dev.switchboard.tools.codec.rooms.TPackets;
import dev.switchboard.tools.load.ClientEvents;
import dev.switchboard.tools.load.ClientProtocol;
import dev.switchboard.tools.load.Stamp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The rooms client the driver runs: RFC 6455 upgrade on {@code path} with no subprotocol or
 * extension (§1, §2), then tPackets in binary messages. Every {@code _NEW_MSG} goes to all members
 * of the room, the sender included (§7.3).
 */
public final class RoomsClientProtocol implements ClientProtocol {

    /** Largest WebSocket message accepted from the server (§8: the server caps messages at 64 KiB). */
    static final int MAX_FRAME = 64 * 1024;

    private final URI uri;
    private final String room;
    private final String nickPrefix;

    /**
     * @param target     the gateway's rooms listener
     * @param path       the upgrade request target
     * @param room       room every connection joins; empty = log in only
     * @param nickPrefix makes nicks unique across runs (nicks are server-wide unique, §7.1)
     */
    public RoomsClientProtocol(InetSocketAddress target, String path, String room, String nickPrefix) {
        this.uri = URI.create("ws://" + target.getAddress().getHostAddress() + ":" + target.getPort() + path);
        this.room = room;
        this.nickPrefix = nickPrefix;
    }

    @Override
    public void initChannel(Channel channel, int index, ClientEvents events) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_FRAME)
                .handshakeTimeoutMillis(30_000)
                .dropPongFrames(true)
                // The handler reads close frames itself to report the server's status code and reason.
                .handleCloseFrames(false)
                .build();
        channel.pipeline().addLast("http-codec", new HttpClientCodec());
        channel.pipeline().addLast("http-aggregator", new HttpObjectAggregator(8192));
        channel.pipeline().addLast("ws-protocol", new WebSocketClientProtocolHandler(config));
        channel.pipeline().addLast("rooms-client", new RoomsClientHandler(nickPrefix + index, room, events));
    }

    @Override
    public Object broadcast(ByteBufAllocator alloc, int sender, long nanos, int size) {
        // The uid is echoed only in responses, and _NEW_MSG gets none (§6), so a constant is enough.
        return new BinaryWebSocketFrame(stampedMessage(alloc, 0x7fff0000, sender, nanos, size));
    }

    /** {@code _NEW_MSG} whose text is a {@link Stamp} padded to {@code size} (§6, §7.3), in one buffer. */
    public static ByteBuf stampedMessage(ByteBufAllocator alloc, int uid, int sender, long nanos, int size) {
        int textLength = Stamp.length(sender, nanos, size);
        ByteBuf out = alloc.buffer(TPackets.HEADER + textLength);
        TPackets.writeHeader(out, uid, TPackets.NEW_MSG, textLength);
        Stamp.write(out, sender, nanos, size);
        return out;
    }
}
