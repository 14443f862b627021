package dev.switchboard.rooms.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.pipeline.TailExceptionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A rooms connection in an {@link EmbeddedChannel}: an HTTP pipeline like the HTTP listener's (codec, aggregator,
 * a router that hands upgrade requests to {@link RoomsUpgrader}, core tail) driven with raw client bytes.
 */
final class EmbeddedRoomsClient {

    final EmbeddedChannel channel;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int consumed;

    EmbeddedRoomsClient(RoomsUpgrader upgrader) {
        // The flush consolidation mirrors what the core puts at the head of every listener connection.
        channel = new EmbeddedChannel(new FlushConsolidationHandler(256, true), new HttpServerCodec(),
                new HttpObjectAggregator(65536), new Router(upgrader), new TailExceptionHandler());
    }

    /** Stand-in for the HTTP listener's routing stage: upgrades go to rooms, anything else gets 404. */
    private static final class Router extends ChannelInboundHandlerAdapter {
        private final RoomsUpgrader upgrader;

        Router(RoomsUpgrader upgrader) {
            this.upgrader = upgrader;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                if (upgrader.matches(request)) {
                    upgrader.upgrade(ctx, request);
                } else {
                    request.release();
                    var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
                    ctx.writeAndFlush(response);
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    static String upgradeRequest(String path, String key, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n");
        if (key != null) {
            request.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
        }
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends an upgrade request and returns the HTTP response head. */
    String upgrade(String path, String key, String... extraHeaders) {
        write(upgradeRequest(path, key, extraHeaders).getBytes(StandardCharsets.US_ASCII));
        return responseHead();
    }

    /** Upgrades on {@code /} with the RFC sample key and checks the 101. */
    EmbeddedRoomsClient open() {
        assertThat(upgrade("/", "dGhlIHNhbXBsZSBub25jZQ==")).startsWith("HTTP/1.1 101");
        return this;
    }

    String responseHead() {
        drain();
        byte[] all = received.toByteArray();
        String text = new String(all, consumed, all.length - consumed, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete HTTP response head in: %s", text).isNotNegative();
        String head = text.substring(0, end + 4);
        int contentLength = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        consumed += end + 4 + Math.min(contentLength, text.length() - end - 4);
        return head;
    }

    void write(byte[] raw) {
        if (channel.isOpen()) {
            channel.writeInbound(Unpooled.wrappedBuffer(raw));
        }
        channel.runPendingTasks();
    }

    void sendPacket(byte[] packet) {
        write(WsFrame.binary(packet));
    }

    private void drain() {
        channel.runPendingTasks();
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) out;
            try {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                received.writeBytes(bytes);
            } finally {
                buf.release();
            }
        }
    }

    /** All complete server frames received since the last call. */
    List<WsFrame> frames() {
        drain();
        byte[] all = received.toByteArray();
        List<WsFrame> frames = new ArrayList<>();
        WsFrame frame;
        while ((frame = WsFrame.parse(all, consumed, all.length)) != null) {
            frames.add(frame);
            consumed += frame.wire().length;
        }
        return frames;
    }

    /** Payloads of the binary frames received since the last call (asserting that all frames are binary). */
    List<byte[]> packets() {
        List<WsFrame> frames = frames();
        assertThat(frames).allSatisfy(f -> assertThat(f.opcode()).isEqualTo(WsFrame.BINARY));
        return frames.stream().map(WsFrame::payload).toList();
    }

    /** Packets rendered as hex, for exact comparisons with spec vectors. */
    List<String> packetHex() {
        return packets().stream().map(dev.switchboard.rooms.support.Hex::of).toList();
    }

    /** Asserts the server sent exactly one close frame with {@code code} and closed the connection. */
    /**
     * The server closed with {@code code}: exactly one close frame, last. A clean close keeps TCP open until the
     * peer answers (RFC 6455 §7.1.1); this client then answers, and the server closes TCP without a second frame.
     */
    void assertClosedWith(int code) {
        assertOneCloseLast(code);
        if (channel.isOpen()) {
            write(WsFrame.client(0x88, new byte[] {(byte) (code >> 8), (byte) code}, new byte[] {9, 8, 7, 6}));
            assertThat(frames()).as("nothing after our close, not even an echo").isEmpty();
        }
        assertThat(channel.isOpen()).as("TCP closed").isFalse();
    }

    /** The server failed the connection with {@code code}: one close frame, and TCP closed without waiting. */
    void assertFailedWith(int code) {
        assertOneCloseLast(code);
        assertThat(channel.isOpen()).as("TCP closed at once").isFalse();
    }

    /** The server sent one close frame with {@code code}, last, and still waits for the peer's answer. */
    void assertCloseSentAndAwaitingPeer(int code) {
        assertOneCloseLast(code);
        assertThat(channel.isOpen()).as("TCP open until the peer answers").isTrue();
    }

    private void assertOneCloseLast(int code) {
        List<WsFrame> frames = frames();
        assertThat(frames).isNotEmpty();
        WsFrame last = frames.get(frames.size() - 1);
        assertThat(last.opcode()).as("last frame is a close frame").isEqualTo(WsFrame.CLOSE);
        assertThat(last.closeCode()).isEqualTo(code);
        assertThat(frames.stream().filter(f -> f.opcode() == WsFrame.CLOSE).count()).isEqualTo(1);
    }

    boolean finish() {
        channel.runPendingTasks();
        boolean left = channel.finishAndReleaseAll();
        return left;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
