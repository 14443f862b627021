package dev.switchboard.rooms.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.core.connection.Disconnector;
import dev.switchboard.core.metrics.BroadcastMeter;
import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.http.HttpProperties;
import dev.switchboard.http.handler.HttpPipeline;
import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.rooms.RoomsMetrics;
import dev.switchboard.rooms.service.ConnectionSlots;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.support.SpecVectors;
import dev.switchboard.rooms.support.TestRoomsProperties;
import dev.switchboard.support.MutableClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * What is left of HTTP once the real HTTP pipeline has handed a connection to rooms: after the {@code 101}, none of
 * the HTTP stages (codec, response headers, metrics, chunked writer) sits in the WebSocket pipeline, and the rooms
 * protocol still works through what remains.
 */
class RoomsUpgradeStagesTest {

    private static final String UPGRADE = EmbeddedRoomsClient.upgradeRequest("/", "dGhlIHNhbXBsZSBub25jZQ==");

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();

    private RoomsUpgrader upgrader() {
        var properties = new TestRoomsProperties().build();
        Rooms rooms = new Rooms(properties.limits());
        return new RoomsUpgrader(properties, rooms, new ConnectionSlots(properties.maxConnections()),
                RoomsMetrics.NOOP, new Disconnector(new SimpleMeterRegistry()),
                new RoomsBroadcast(UnpooledByteBufAllocator.DEFAULT, RoomsMetrics.NOOP, BroadcastMeter.NONE),
                new TimeoutSweeper(clock), clock);
    }

    private EmbeddedChannel channel(HttpProperties properties, String servedRoot, ClassLoader loader) {
        return HttpTestChannels.channel(properties, List.of(upgrader()), HttpMetrics.NONE, clock, servedRoot, loader);
    }

    private static void send(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
    }

    /** Everything written so far, as text; buffers and file regions are released. */
    private static String written(EmbeddedChannel ch) throws IOException {
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg = ch.readOutbound(); msg != null; msg = ch.readOutbound()) {
            try {
                if (msg instanceof ByteBuf buf) {
                    buf.readBytes(out, buf.readableBytes());
                } else {
                    FileRegion region = (FileRegion) msg;
                    while (region.transferred() < region.count()) {
                        region.transferTo(Channels.newChannel(out), region.transferred());
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertNoHttpStages(EmbeddedChannel ch) {
        List<String> names = ch.pipeline().names();
        assertThat(names).doesNotContainAnyElementsOf(HttpPipeline.REQUEST_STAGES)
                .doesNotContainAnyElementsOf(HttpPipeline.RESPONSE_STAGES)
                .doesNotContain(HttpPipeline.CODEC, HttpPipeline.ROUTER, RoomsUpgrader.HTTP_STAGES_REMOVER);
        for (Map.Entry<String, ChannelHandler> stage : ch.pipeline()) {
            assertThat(stage.getValue()).as(stage.getKey())
                    .isNotInstanceOfAny(HttpServerCodec.class, HttpObjectAggregator.class, ChunkedWriteHandler.class);
        }
    }

    /** The rooms magic string gets no answer but keeps the connection open; a packet then reaches the session. */
    private static void assertRoomsStillSpoken(EmbeddedChannel ch) throws IOException {
        ch.writeInbound(Unpooled.wrappedBuffer(WsFrame.binary(SpecVectors.V1)));
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        written(ch);
    }

    @Test
    void upgrade_whenFreshConnection_thenNoHttpStageLeftAfterThe101() throws IOException {
        EmbeddedChannel ch = channel(HttpTestChannels.properties(root), root.toString(), getClass().getClassLoader());
        send(ch, UPGRADE);
        assertThat(written(ch)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertNoHttpStages(ch);
        assertRoomsStillSpoken(ch);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void upgrade_whenAStreamedBodyWasServedFirst_thenTheChunkedWriterLeavesToo() throws IOException {
        String big = "0123456789".repeat(4000);
        Path jar = root.resolve("static.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/big.txt"));
            out.write(big.getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        // No bytes held in memory, so the jar entry is streamed through the chunked writer.
        HttpProperties properties = HttpTestChannels.properties(root, new HttpProperties.OpenFileCache(1000,
                DataSize.ofMegabytes(8), DataSize.ofBytes(0), Duration.ofSeconds(1)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            EmbeddedChannel ch = channel(properties, "classpath:static/", loader);
            send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(written(ch)).startsWith("HTTP/1.1 200 OK\r\n").endsWith(big);
            assertThat(ch.pipeline().get(HttpPipeline.CHUNKED_WRITER)).isNotNull();
            send(ch, UPGRADE);
            assertThat(written(ch)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertNoHttpStages(ch);
            assertRoomsStillSpoken(ch);
            assertFalse(ch.finishAndReleaseAll());
        }
    }
}
