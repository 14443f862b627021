package dev.switchboard.http.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.HttpProperties;
import dev.switchboard.http.support.HttpTestChannels;
import dev.switchboard.http.support.RawResponse;
import dev.switchboard.support.MutableClock;
import dev.switchboard.support.fuzz.Chunks;
import dev.switchboard.support.fuzz.ErrorLog;
import dev.switchboard.support.fuzz.TrackingAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.util.unit.DataSize;

/**
 * Property and fuzz tests of HTTP request parsing and pipelining through the listener's real pipeline
 * (codec, limits, guard, keep-alive, validator, router, static files) on an {@code EmbeddedChannel}.
 */
class HttpRequestFuzzTest {

    /** Files served in every try, by request path. */
    private static final Map<String, String> FILES = Map.of(
            "/index.html", "<!doctype html><h1>home</h1>",
            "/a.txt", "alpha",
            "/b.css", "body{color:red}",
            "/docs/c.js", "console.log(1)");

    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("http-fuzz");
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Path path = root.resolve(file.getKey().substring(1));
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    @AfterContainer
    static void deleteRoot() throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Exchange(List<RawResponse> responses, boolean open) {
    }

    private static Exchange exchange(List<byte[]> chunks) {
        return exchange(chunks, root.toString());
    }

    /** Drives one connection serving {@code servedRoot} (a directory, or {@code classpath:static/}). */
    private static Exchange exchange(List<byte[]> chunks, String servedRoot) {
        HttpProperties properties = HttpTestChannels.properties(root, Duration.ofSeconds(5), 256,
                DataSize.ofKilobytes(1), DataSize.ofBytes(100));
        TrackingAllocator alloc = new TrackingAllocator();
        List<RawResponse> responses = new ArrayList<>();
        boolean open;
        try (ErrorLog log = ErrorLog.capture()) {
            EmbeddedChannel ch = HttpTestChannels.channel(properties, List.of(), status -> { }, new MutableClock(),
                    servedRoot, HttpRequestFuzzTest.class.getClassLoader());
            ch.config().setAllocator(alloc);
            java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
            for (byte[] chunk : chunks) {
                if (ch.isOpen()) {
                    ch.writeInbound(alloc.copyOf(chunk));
                }
                try {
                    HttpTestChannels.written(ch).transferTo(wire);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            open = ch.isOpen();
            ch.finishAndReleaseAll();
            InputStream in = new java.io.ByteArrayInputStream(wire.toByteArray());
            // Framed by Content-Length: no HEAD among the requests, whose answers would carry none.
            for (RawResponse r = HttpTestChannels.next(in); r != null; r = HttpTestChannels.next(in)) {
                responses.add(r);
            }
            assertThat(in.readAllBytes()).as("nothing after the last complete response").isEmpty();
            log.assertNone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        alloc.assertAllReleased();
        return new Exchange(responses, open);
    }

    @Property
    void pipeline_whenAnyRequestBytesInAnyChunks_thenOnlyWellFormedNon5xxResponses(@ForAll("hostileStreams") byte[] stream,
            @ForAll @Size(max = 10) List<@IntRange(max = 100_000) Integer> cuts) {
        Exchange exchange = exchange(Chunks.split(stream, cuts));
        for (RawResponse response : exchange.responses()) {
            // 501 (unknown method) and 505 (other version) are refusals; 500, 502 and 503 would be failures.
            assertThat(response.status()).as(response.statusLine())
                    .satisfiesAnyOf(s -> assertThat(s).isBetween(200, 499), s -> assertThat(s).isIn(501, 505));
            assertThat(response.header("Content-Length")).as("every response is framed").isNotNull();
        }
        if (!exchange.responses().isEmpty()) {
            RawResponse last = exchange.responses().get(exchange.responses().size() - 1);
            if (last.status() >= 400 && "close".equalsIgnoreCase(last.header("Connection"))) {
                assertThat(exchange.open()).as("closed after a refusal that says so").isFalse();
            }
        }
    }

    @Property
    void pipeline_whenPipelinedGetsInAnyChunks_thenOneIntactResponsePerRequestInOrder(
            @ForAll("targets") List<String> targets, @ForAll @Size(max = 12) List<@IntRange(max = 100_000) Integer> cuts,
            @ForAll boolean bundledRoot) {
        StringBuilder requests = new StringBuilder();
        for (String target : targets) {
            requests.append("GET ").append(bundledRoot ? BUNDLED.getOrDefault(target, target) : target)
                    .append(" HTTP/1.1\r\nHost: fuzz\r\n\r\n");
        }
        Exchange exchange = exchange(Chunks.split(requests.toString().getBytes(StandardCharsets.ISO_8859_1), cuts),
                bundledRoot ? "classpath:static/" : root.toString());

        assertThat(exchange.responses()).hasSameSizeAs(targets);
        for (int i = 0; i < targets.size(); i++) {
            RawResponse response = exchange.responses().get(i);
            String expected = bundledRoot ? bundled(BUNDLED.get(targets.get(i))) : FILES.get(targets.get(i));
            if (expected == null) {
                assertThat(response.status()).isEqualTo(404);
            } else {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo(expected);
            }
        }
        assertThat(exchange.open()).isTrue();
    }

    /** Targets of the test directory mapped to files bundled in the jar ({@code classpath:static/}). */
    private static final Map<String, String> BUNDLED = Map.of(
            "/index.html", "/index.html", "/a.txt", "/rooms.css", "/b.css", "/rooms.js",
            "/docs/c.js", "/rooms-protocol.js");

    private static String bundled(String path) {
        if (path == null) {
            return null;
        }
        try (InputStream in = HttpRequestFuzzTest.class.getResourceAsStream("/static" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- generators ---

    @Provide
    Arbitrary<List<String>> targets() {
        return Arbitraries.of("/index.html", "/a.txt", "/b.css", "/docs/c.js", "/missing.txt", "/docs/")
                .list().ofMinSize(1).ofMaxSize(20);
    }

    private static final List<String> VALID = List.of(
            "GET /a.txt HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /docs/c.js HTTP/1.0\r\n\r\n",
            "POST /a.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
            "GET /a.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=1-3\r\n\r\n",
            "GET /a.txt HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"x\"\r\n\r\n",
            "GET /%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a.txt HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");

    /** Valid requests, the same with a byte flipped, cut, extended or a header repeated, and noise. */
    @Provide
    Arbitrary<byte[]> hostileStreams() {
        Arbitrary<byte[]> valid = Arbitraries.of(VALID).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> mutated = valid.flatMap(bytes -> Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, bytes.length - 1),
                        Arbitraries.of((byte) 0, (byte) '\r', (byte) '\n', (byte) ' ', (byte) ':', (byte) 0x80,
                                (byte) '%', (byte) 'A'))
                        .as((at, b) -> {
                            byte[] copy = bytes.clone();
                            copy[at] = b;
                            return copy;
                        }),
                Arbitraries.integers().between(0, bytes.length - 1).map(at -> java.util.Arrays.copyOf(bytes, at)),
                Arbitraries.of("X-Long: " + "a".repeat(1100) + "\r\n", "Host: y\r\n", "Content-Length: 7\r\n",
                        "Content-Length: -1\r\n", "Transfer-Encoding: gzip\r\n").map(header -> {
                    String s = new String(bytes, StandardCharsets.ISO_8859_1);
                    int end = s.indexOf("\r\n") + 2;
                    return (s.substring(0, end) + header + s.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
                }),
                Arbitraries.just(("GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1))));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
        return Arbitraries.frequencyOf(Tuple.of(3, valid), Tuple.of(4, mutated), Tuple.of(1, noise))
                .list().ofMaxSize(5).map(Chunks::concat);
    }
}
