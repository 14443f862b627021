package dev.switchboard.http.handler;

import static dev.switchboard.http.support.HttpTestChannels.next;
import static dev.switchboard.http.support.HttpTestChannels.send;
import static dev.switchboard.http.support.HttpTestChannels.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.support.MutableClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upgrade seam: which requests reach an {@link UpgradeRoute} and what the pipeline looks like then. */
class UpgradeRouterTest {

    /** The RFC 6455 §1.3 sample key and its accept token. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    @TempDir
    Path root;

    private EmbeddedChannel ch;

    /** A route like the rooms one: installs Netty's WebSocket handshake and a frame sink after the router. */
    private static final class RecordingRoute implements UpgradeRoute {
        final List<String> matched = new ArrayList<>();
        final List<String> pipelineAtUpgrade = new ArrayList<>();
        final List<WebSocketFrame> frames = new ArrayList<>();
        final boolean accept;

        RecordingRoute(boolean accept) {
            this.accept = accept;
        }

        @Override
        public boolean matches(HttpRequest request) {
            matched.add(request.uri());
            return accept;
        }

        @Override
        public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
            pipelineAtUpgrade.addAll(ctx.pipeline().names());
            String path = request.uri().contains("?") ? request.uri().substring(0, request.uri().indexOf('?')) : request.uri();
            // Netty compares the whole URI unless told to match by prefix; the router ignores the query.
            ctx.pipeline().addAfter(ctx.name(), "ws", new WebSocketServerProtocolHandler(
                    WebSocketServerProtocolConfig.newBuilder().websocketPath(path).checkStartsWith(true).build()));
            ctx.pipeline().addAfter("ws", "sink", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    frames.add((WebSocketFrame) msg);
                }
            });
            ctx.fireChannelRead(request);
        }
    }

    private EmbeddedChannel channel(List<UpgradeRoute> routes) throws IOException {
        Files.writeString(root.resolve("index.html"), "INDEX");
        ch = HttpTestChannels.channel(HttpTestChannels.properties(root), routes, HttpMetrics.NONE, new MutableClock());
        return ch;
    }

    @AfterEach
    void tearDown() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private static String upgrade(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Test
    void upgrade_whenRouteMatchesOnRoot_thenHandshakeAnsweredAndHttpStagesGone() throws IOException {
        RecordingRoute route = new RecordingRoute(true);
        channel(List.of(route));
        send(ch, upgrade("/"));
        var response = next(written(ch));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
        assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo(ACCEPT);
        assertThat(response.header("Sec-WebSocket-Protocol")).isNull();
        assertThat(response.header("Server")).isEqualTo("Switchboard");
        assertThat(route.pipelineAtUpgrade).doesNotContainAnyElementsOf(HttpPipeline.REQUEST_STAGES)
                .contains(HttpPipeline.CODEC, HttpPipeline.ROUTER, HttpPipeline.EXCEPTIONS);
        assertThat(ch.pipeline().names()).doesNotContain(HttpPipeline.ROUTER, HttpPipeline.STATIC_FILES);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void upgrade_whenAfterwardsAMaskedBinaryFrameArrives_thenRouteStagesReceiveIt() throws IOException {
        RecordingRoute route = new RecordingRoute(true);
        channel(List.of(route));
        send(ch, upgrade("/ws?room=1"));
        next(written(ch));
        // FIN + binary, MASK + length 2, mask key 0, payload "hi" (masked with zeros).
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {(byte) 0x82, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'}));
        assertThat(route.frames).hasSize(1);
        WebSocketFrame frame = route.frames.get(0);
        assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
        ByteBuf content = frame.content();
        assertThat(content.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("hi");
        ReferenceCountUtil.release(frame);
    }

    @Test
    void upgrade_whenNoRoute_thenServedAsOrdinaryGet() throws IOException {
        channel(List.of());
        send(ch, upgrade("/"));
        var response = next(written(ch));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("INDEX");
    }

    @Test
    void upgrade_whenRouteDeclines_thenServedAsOrdinaryGet() throws IOException {
        RecordingRoute route = new RecordingRoute(false);
        channel(List.of(route));
        send(ch, upgrade("/"));
        assertThat(next(written(ch)).text()).isEqualTo("INDEX");
        assertThat(route.matched).containsExactly("/");
        assertThat(ch.pipeline().get(HttpPipeline.ROUTER)).isNotNull();
    }

    @Test
    void upgrade_whenPathNotConfigured_thenRouteNotAskedAnd404() throws IOException {
        RecordingRoute route = new RecordingRoute(true);
        channel(List.of(route));
        send(ch, upgrade("/chat"));
        assertThat(next(written(ch)).status()).isEqualTo(404);
        assertThat(route.matched).isEmpty();
    }

    @Test
    void upgrade_whenNotGetOrNoUpgradeHeader_thenRouteNotAsked() throws IOException {
        RecordingRoute route = new RecordingRoute(true);
        channel(List.of(route));
        send(ch, "GET / HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(next(written(ch)).text()).isEqualTo("INDEX");
        send(ch, "HEAD / HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        assertThat(next(written(ch), true).status()).isEqualTo(200);
        assertThat(route.matched).isEmpty();
    }

    @Test
    void upgrade_whenUpgradeTokenInOtherCase_thenRouted() throws IOException {
        RecordingRoute route = new RecordingRoute(true);
        channel(List.of(route));
        send(ch, upgrade("/").replace("Upgrade: websocket", "upgrade: WebSocket"));
        assertThat(next(written(ch)).status()).isEqualTo(101);
    }

    @Test
    void upgrade_whenUpgradeHeaderListsWebSocketAmongOthers_thenRouteAsked() throws IOException {
        RecordingRoute route = new RecordingRoute(false);
        channel(List.of(route));
        send(ch, upgrade("/").replace("Upgrade: websocket", "Upgrade: foo/1, websocket"));
        next(written(ch));
        assertThat(route.matched).containsExactly("/");
    }

    @Test
    void upgrade_whenFirstRouteDeclines_thenSecondAsked() throws IOException {
        RecordingRoute declines = new RecordingRoute(false);
        RecordingRoute accepts = new RecordingRoute(true);
        channel(List.of(declines, accepts));
        send(ch, upgrade("/"));
        assertThat(next(written(ch)).status()).isEqualTo(101);
        assertThat(declines.matched).containsExactly("/");
        assertThat(accepts.pipelineAtUpgrade).isNotEmpty();
    }
}
