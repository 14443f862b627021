package dev.switchboard.rooms.support;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.tools.codec.rooms.TPackets;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client over loopback (Netty's {@link WebSocketClientHandshaker}, masked frames) that speaks
 * tPackets through the shared client codec ({@link TPackets}). It answers pings only when asked to, so tests can play a dead peer.
 */
public final class WsTestClient implements AutoCloseable {

    /** A frame as received: opcode name, payload copy, close status (or -1). */
    public record Received(String type, byte[] payload, int closeStatus) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Channel channel;
    private final BlockingQueue<Received> frames;
    private int uid = 0x1000;

    private WsTestClient(Channel channel, BlockingQueue<Received> frames) {
        this.channel = channel;
        this.frames = frames;
    }

    public static WsTestClient connect(EventLoopGroup group, int port, String path, boolean answerPings)
            throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + port + path);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri,
                WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, 65536);
        BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
        Handler handler = new Handler(handshaker, answerPings, frames);
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), handler);
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        if (!handler.handshakeDone.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                || !handler.handshakeDone.isSuccess()) {
            channel.close();
            throw new IllegalStateException("handshake failed", handler.handshakeDone.cause());
        }
        return new WsTestClient(channel, frames);
    }

    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final boolean answerPings;
        private ChannelPromise handshakeDone;
        private final BlockingQueue<Received> sink;

        Handler(WebSocketClientHandshaker handshaker, boolean answerPings, BlockingQueue<Received> sink) {
            this.handshaker = handshaker;
            this.answerPings = answerPings;
            this.sink = sink;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            handshakeDone = ctx.newPromise();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
                handshakeDone.setSuccess();
                return;
            }
            WebSocketFrame frame = (WebSocketFrame) msg;
            byte[] payload = ByteBufUtil.getBytes(frame.content());
            if (frame instanceof PingWebSocketFrame && answerPings) {
                ctx.writeAndFlush(new PongWebSocketFrame(Unpooled.wrappedBuffer(payload)));
            }
            String type = frame instanceof BinaryWebSocketFrame ? "binary"
                    : frame instanceof PingWebSocketFrame ? "ping"
                    : frame instanceof PongWebSocketFrame ? "pong"
                    : frame instanceof CloseWebSocketFrame ? "close" : frame.getClass().getSimpleName();
            int status = frame instanceof CloseWebSocketFrame close ? close.statusCode() : -1;
            sink.add(new Received(type, payload, status));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!handshakeDone.isDone()) {
                handshakeDone.setFailure(cause);
            }
            ctx.close();
        }
    }

    /** Sends one tPacket with the next uid (the reference client's counter, spec §5) and returns that uid. */
    public int send(Command command, String blob) {
        int id = uid++;
        byte[] bytes = blob.getBytes(StandardCharsets.UTF_8);
        channel.writeAndFlush(new BinaryWebSocketFrame(TPackets.packet(channel.alloc(), id, command.code(), bytes)))
                .syncUninterruptibly();
        return id;
    }

    /** Magic string then nick, and waits for the nick's answer; returns it rendered. */
    public String login(String nick) throws InterruptedException {
        send(Command.NOP, "magic string :)");
        send(Command.SET_USER_NICK, nick);
        return next();
    }

    /** The next frame, rendered: tPackets as "CMD p1 blob" (see {@link #render}), others by type. */
    public String next() throws InterruptedException {
        Received frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT);
        }
        return switch (frame.type()) {
            case "binary" -> render(frame.payload());
            case "close" -> "close " + frame.closeStatus();
            default -> frame.type();
        };
    }

    /** A frame if one arrives within {@code wait}; null otherwise. */
    public Received poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public void sendClose(int status) {
        channel.writeAndFlush(new CloseWebSocketFrame(status, "bye"));
    }

    /** "RESP_OK uid", "RESP_ERROR uid", "NEW_USER id nick", "NEW_MSG id text", "LOGGED_MSG line" with hex ids. */
    public static String render(byte[] payload) {
        String invalid = TPackets.invalid(Unpooled.wrappedBuffer(payload));
        if (invalid != null) {
            return "MALFORMED " + invalid;
        }
        TPackets.TPacket p = TPackets.decode(payload);
        return switch (p.cmd()) {
            case TPackets.RESP_OK, TPackets.RESP_ERROR -> p.command() + " " + Integer.toHexString(p.uid());
            case TPackets.NEW_USER, TPackets.DEL_USER, TPackets.NEW_MSG ->
                    p.command() + " " + Integer.toHexString(p.p1()) + " " + p.text();
            default -> p.command() + " " + p.text();
        };
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
