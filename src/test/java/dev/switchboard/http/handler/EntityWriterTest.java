package dev.switchboard.http.handler;

import static dev.switchboard.http.support.HttpTestChannels.next;
import static dev.switchboard.http.support.HttpTestChannels.send;
import static dev.switchboard.http.support.HttpTestChannels.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.http.HttpProperties;
import dev.switchboard.http.service.HttpMetrics;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.http.support.RawResponse;
import dev.switchboard.support.MutableClock;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** How file bytes leave: zero-copy regions without TLS, chunked pieces with TLS or from a jar. */
class EntityWriterTest {

    /** 40 000 bytes: more than two chunks of {@link EntityWriter#CHUNK_SIZE}. */
    private static final String BIG = "0123456789".repeat(4000);

    @TempDir
    Path root;

    /** A channel whose open-file cache holds no file content, so files go out from disk. */
    private EmbeddedChannel fileChannel() throws IOException {
        Files.writeString(root.resolve("big.txt"), BIG);
        HttpProperties.OpenFileCache metadataOnly = new HttpProperties.OpenFileCache(1000, DataSize.ofMegabytes(8),
                DataSize.ofBytes(0), Duration.ofSeconds(1));
        return HttpTestChannels.channel(HttpTestChannels.properties(root, metadataOnly), List.of(), HttpMetrics.NONE,
                new MutableClock());
    }

    /** A channel with the default open-file cache, which holds files up to 64 KiB in memory. */
    private EmbeddedChannel cachedChannel() throws IOException {
        Files.writeString(root.resolve("big.txt"), BIG);
        return HttpTestChannels.channel(HttpTestChannels.properties(root), List.of(), HttpMetrics.NONE, new MutableClock());
    }

    @Test
    void cachedFile_whenGet_thenOneCompleteResponseAndNoStreamingStage() throws IOException {
        EmbeddedChannel ch = cachedChannel();
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\n\r\n");
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=10-19\r\n\r\n");
        InputStream out = written(ch);
        RawResponse whole = next(out);
        RawResponse range = next(out);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.text()).isEqualTo(BIG);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.text()).isEqualTo(BIG.substring(10, 20));
        assertThat(ch.pipeline().get(HttpPipeline.CHUNKED_WRITER)).isNull();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void cachedFile_whenTlsInPipeline_thenBytesStillExact() throws IOException, NoSuchAlgorithmException {
        EmbeddedChannel ch = cachedChannel();
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        ch.pipeline().addAfter(HttpPipeline.STATIC_FILES, "tls", new SslHandler(engine));
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=5-20004\r\n\r\n");
        RawResponse response = next(written(ch));
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.text()).isEqualTo(BIG.substring(5, 20005));
        ch.pipeline().remove("tls");
        ch.finishAndReleaseAll();
    }

    /** Reads the outbound messages without consuming them as bytes, to see their types. */
    private static List<Object> outbound(EmbeddedChannel ch) {
        List<Object> messages = new ArrayList<>();
        for (Object msg = ch.readOutbound(); msg != null; msg = ch.readOutbound()) {
            messages.add(msg);
        }
        return messages;
    }

    @Test
    void file_whenNoTls_thenSentAsOneFileRegion() throws IOException {
        EmbeddedChannel ch = fileChannel();
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\n\r\n");
        List<Object> messages = outbound(ch);
        try {
            assertThat(messages).filteredOn(FileRegion.class::isInstance).hasSize(1);
            FileRegion region = (FileRegion) messages.stream().filter(FileRegion.class::isInstance).findFirst().orElseThrow();
            assertThat(region.count()).isEqualTo(BIG.length());
        } finally {
            messages.forEach(ReferenceCountUtil::release);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void fileRange_whenNoTls_thenRegionCoversOnlyTheRange() throws IOException {
        EmbeddedChannel ch = fileChannel();
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=10-19\r\n\r\n");
        List<Object> messages = outbound(ch);
        try {
            FileRegion region = (FileRegion) messages.stream().filter(FileRegion.class::isInstance).findFirst().orElseThrow();
            assertThat(region.position()).isEqualTo(10);
            assertThat(region.count()).isEqualTo(10);
        } finally {
            messages.forEach(ReferenceCountUtil::release);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void file_whenTlsInPipeline_thenChunkedAndNoFileRegion() throws IOException, NoSuchAlgorithmException {
        EmbeddedChannel ch = fileChannel();
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        // Added behind the static handler so it sees none of the test's bytes: only its presence
        // matters, as it is what tells the writer that a file region could not be encrypted.
        ch.pipeline().addAfter(HttpPipeline.STATIC_FILES, "tls", new SslHandler(engine));
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=5-20004\r\n\r\n");
        List<Object> messages = outbound(ch);
        try {
            assertThat(messages).noneMatch(FileRegion.class::isInstance).hasSizeGreaterThan(3);
        } finally {
            messages.forEach(ReferenceCountUtil::release);
            ch.pipeline().remove("tls");
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void file_whenTlsInPipeline_thenBytesStillExact() throws IOException, NoSuchAlgorithmException {
        EmbeddedChannel ch = fileChannel();
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(false);
        ch.pipeline().addAfter(HttpPipeline.STATIC_FILES, "tls", new SslHandler(engine));
        send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=5-20004\r\n\r\n");
        RawResponse response = next(written(ch));
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.text()).isEqualTo(BIG.substring(5, 20005));
        ch.pipeline().remove("tls");
        ch.finishAndReleaseAll();
    }

    @Test
    void jarResource_whenWholeAndRange_thenStreamedInPiecesWithExactBytes() throws IOException {
        Path jar = root.resolve("static.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/big.txt"));
            out.write(BIG.getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            HttpProperties properties = HttpTestChannels.properties(root, new HttpProperties.OpenFileCache(1000,
                    DataSize.ofMegabytes(8), DataSize.ofBytes(0), Duration.ofSeconds(1)));
            EmbeddedChannel ch = HttpTestChannels.channel(properties, List.of(), HttpMetrics.NONE, new MutableClock(),
                    "classpath:static/", loader);
            send(ch, "GET /big.txt HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /big.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=39990-\r\n\r\n");
            InputStream out = written(ch);
            RawResponse whole = next(out);
            assertThat(whole.header("Content-Length")).isEqualTo("40000");
            assertThat(whole.text()).isEqualTo(BIG);
            RawResponse tail = next(out);
            assertThat(tail.status()).isEqualTo(206);
            assertThat(tail.text()).isEqualTo("0123456789");
            ch.finishAndReleaseAll();
        }
    }
}
