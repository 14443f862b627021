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
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * Request parsing and answers of the whole HTTP pipeline on an EmbeddedChannel: the cases of the
 * http-server spec §2 (what the original did wrong) and §7 (what a robust server adds).
 */
class HttpPipelineTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-20T10:00:00Z");
    private static final String INDEX = "<!doctype html><h1>home</h1>";

    @TempDir
    Path base;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:03Z"));
    private final List<Integer> statuses = new ArrayList<>();
    private Path root;
    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(base.resolve("www"));
        write("index.html", INDEX);
        write("hello.txt", "hello world");
        write("hello world.txt", "spaced");
        write("style.css", "body{}");
        write("logo.svg", "<svg/>");
        write("app.wasm", "\0asm");
        Files.createDirectory(root.resolve("docs"));
        write("docs/index.html", "<h1>docs</h1>");
        Files.writeString(base.resolve("secret.txt"), "outside");
        ch = channel(HttpTestChannels.properties(root, Duration.ofSeconds(5), 256, DataSize.ofKilobytes(1),
                DataSize.ofBytes(100)));
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel channel(HttpProperties properties) {
        HttpMetrics metrics = statuses::add;
        return HttpTestChannels.channel(properties, List.of(), metrics, clock);
    }

    private void write(String name, String text) throws IOException {
        Path file = root.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    private RawResponse exchange(String raw) {
        send(ch, raw);
        return next(written(ch));
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    // --- §2.1 request line, methods, versions ---

    @Test
    void get_whenRoot_thenIndexWithFullHeaderSet() {
        RawResponse response = exchange(get("/"));
        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.text()).isEqualTo(INDEX);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(INDEX.length()));
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.header("Date")).isEqualTo("Mon, 23 Nov 2026 09:00:03 GMT");
        assertThat(response.header("Server")).isEqualTo("Switchboard");
        assertThat(response.header("Last-Modified")).isEqualTo("Fri, 20 Nov 2026 10:00:00 GMT");
        assertThat(response.header("ETag")).startsWith("\"");
        assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(ch.isOpen()).isTrue();
        assertThat(statuses).containsExactly(200);
    }

    @Test
    void get_whenRootWithQuery_thenIndexNotNotFound() {
        // The original only mapped a bare "/" to index.html (spec §2.1).
        assertThat(exchange(get("/?x=1")).text()).isEqualTo(INDEX);
    }

    @Test
    void head_whenFile_thenSameHeadersAndNoBody() throws IOException {
        RawResponse getResponse = exchange(get("/hello.txt"));
        send(ch, "HEAD /hello.txt HTTP/1.1\r\nHost: test\r\n\r\n");
        InputStream out = written(ch);
        RawResponse head = next(out, true);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).isEqualTo(getResponse.headers());
        assertThat(out.available()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
    void otherMethods_whenStandard_then405WithAllowAndConnectionKept(String method) {
        RawResponse response = exchange(method + " /hello.txt HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body()).hasSize(Integer.parseInt(response.header("Content-Length")));
        assertThat(response.text()).contains("405 Method Not Allowed");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void unknownMethod_whenValidToken_then501() {
        assertThat(exchange("BREW /pot HTTP/1.1\r\nHost: test\r\n\r\n").status()).isEqualTo(501);
    }

    @Test
    void method_whenNotAToken_then400AndClose() {
        RawResponse response = exchange("G(T / HTTP/1.1\r\nHost: test\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void method_whenLowerCase_thenNotGetBut501() {
        // Methods are case-sensitive (RFC 9110 §9.1), as the original's check was.
        assertThat(exchange("get / HTTP/1.1\r\nHost: test\r\n\r\n").status()).isEqualTo(501);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.2", "HTTP/2.0", "HTTP/3.0", "HTTP/0.9"})
    void version_whenNot10Or11_then505AndClose(String version) {
        RawResponse response = exchange("GET /hello.txt " + version + "\r\nHost: test\r\n\r\n");
        assertThat(response.status()).isEqualTo(505);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void version_whenUnsupportedOnMissingFile_then505Not404() {
        // The original checked the version after the file lookup (spec §2.1).
        assertThat(exchange("GET /missing HTTP/1.2\r\nHost: test\r\n\r\n").status()).isEqualTo(505);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / FOO/1.1\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n",
        "\u0001\u0002garbage\r\n\r\n"})
    void requestLine_whenMalformed_then400AndClose(String raw) {
        RawResponse response = exchange(raw);
        assertThat(response.status()).isEqualTo(400);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void requestLine_whenOverLimit_then414AndClose() {
        RawResponse response = exchange(get("/" + "a".repeat(300)));
        assertThat(response.status()).isEqualTo(414);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertThat(statuses).containsExactly(414);
    }

    @Test
    void requestLine_splitAcrossReads_thenStillParsed() {
        String raw = get("/hello.txt");
        for (int i = 0; i < raw.length(); i++) {
            send(ch, raw.substring(i, i + 1));
        }
        assertThat(next(written(ch)).text()).isEqualTo("hello world");
    }

    // --- §2.3 headers ---

    @Test
    void headers_whenBlockOverLimit_then431AndClose() {
        RawResponse response = exchange("GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n");
        assertThat(response.status()).isEqualTo(431);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void headers_whenManySmallLinesOverLimit_then431() {
        // The original had no limit on the number of header lines (spec §2.3).
        assertThat(exchange("GET / HTTP/1.1\r\nHost: test\r\n" + "X: y\r\n".repeat(300) + "\r\n").status())
                .isEqualTo(431);
    }

    @Test
    void headers_whenNamesInAnyCaseAndOptionalWhitespace_thenUnderstood() {
        // The original needed exactly one space after the colon and matched names case-sensitively.
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nhOsT:test\r\nCONNECTION:   Close  \r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void headers_whenSpaceBeforeColon_then400() {
        assertThat(exchange("GET / HTTP/1.1\r\nHost : test\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void headers_whenBareLineFeeds_then400() {
        assertThat(exchange("GET / HTTP/1.1\nHost: test\n\n").status()).isEqualTo(400);
    }

    @Test
    void headers_whenObsFold_thenUnfoldedIntoOneValue() {
        // RFC 9112 §5.2 lets a server replace obs-fold with spaces instead of rejecting it; Netty does.
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nX-Long: a\r\n b\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void host_whenMissingOnHttp11_then400AndClose() {
        RawResponse response = exchange("GET / HTTP/1.1\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void host_whenRepeated_then400() {
        assertThat(exchange("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void host_whenMissingOnHttp10_thenServed() {
        assertThat(exchange("GET /hello.txt HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    }

    // --- bodies: the original never read them (spec §2.1) ---

    @Test
    void body_whenGetCarriesOne_thenConsumedAndNextRequestStillParsed() {
        send(ch, "GET /hello.txt HTTP/1.1\r\nHost: test\r\nContent-Length: 9\r\n\r\nGET /x HT" + get("/style.css"));
        InputStream out = written(ch);
        assertThat(next(out).text()).isEqualTo("hello world");
        assertThat(next(out).text()).isEqualTo("body{}");
    }

    @Test
    void body_whenChunked_thenDecodedAndConnectionStaysInSync() {
        send(ch, "POST /hello.txt HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n" + get("/hello.txt"));
        InputStream out = written(ch);
        assertThat(next(out).status()).isEqualTo(405);
        assertThat(next(out).status()).isEqualTo(200);
    }

    @Test
    void body_whenDeclaredOverLimit_then413AndClose() {
        RawResponse response = exchange("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5000\r\n\r\n");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).contains("413");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void body_whenChunkedGrowsOverLimit_then413AndClose() {
        RawResponse response = exchange("POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "64\r\n" + "x".repeat(100) + "\r\n64\r\n" + "x".repeat(100) + "\r\n");
        assertThat(response.status()).isEqualTo(413);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void body_whenContentLengthAndTransferEncoding_then400AndClose() {
        RawResponse response = exchange("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void body_whenConflictingContentLengths_then400() {
        assertThat(exchange("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
                .status()).isEqualTo(400);
    }

    @Test
    void expect_when100ContinueWithinLimit_thenContinueThenAnswer() {
        send(ch, "POST / HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        InputStream first = written(ch);
        assertThat(next(first).statusLine()).isEqualTo("HTTP/1.1 100 Continue");
        send(ch, "abc");
        assertThat(next(written(ch)).status()).isEqualTo(405);
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void expect_when100ContinueOverLimit_then413AndClose() {
        RawResponse response = exchange("POST / HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                + "Content-Length: 5000\r\n\r\n");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).contains("413");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void expect_whenUnknownExpectation_then417AndClose() {
        RawResponse response = exchange("POST / HTTP/1.1\r\nHost: test\r\nExpect: teapot\r\nContent-Length: 3\r\n\r\n");
        assertThat(response.status()).isEqualTo(417);
        assertThat(ch.isOpen()).isFalse();
    }

    // --- §2.2 files and §7 static-file additions ---

    @Test
    void target_whenPercentEncoded_thenDecodedBeforeLookup() {
        assertThat(exchange(get("/hello%20world.txt")).text()).isEqualTo("spaced");
    }

    @Test
    void target_whenAbsoluteForm_thenPathServed() {
        assertThat(exchange("GET http://test/hello.txt HTTP/1.1\r\nHost: test\r\n\r\n").text()).isEqualTo("hello world");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/docs/../../secret.txt",
        "/%252e%252e/secret.txt", "/.%2e/secret.txt"})
    void traversal_whenDotSegmentsPlainEncodedOrDoubleEncoded_then404(String target) {
        RawResponse response = exchange(get(target));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).doesNotContain("outside");
        assertThat(ch.isOpen()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..\\secret.txt", "/..%5csecret.txt", "/hello.txt%00", "/..%2fsecret.txt"})
    void traversal_whenBackslashNulOrEncodedSlash_then400(String target) {
        assertThat(exchange(get(target)).status()).isEqualTo(400);
    }

    @Test
    void traversal_whenSymlinkOutOfRoot_then404() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), base.resolve("secret.txt"));
        assertThat(exchange(get("/link.txt")).status()).isEqualTo(404);
    }

    @Test
    void directory_whenNoTrailingSlash_then301ToSlash() {
        RawResponse response = exchange(get("/docs"));
        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/docs/");
        assertThat(exchange(get("/docs/")).text()).isEqualTo("<h1>docs</h1>");
    }

    @Test
    void missing_whenGetAndHead_then404WithBodyLengthButHeadWithoutBody() {
        RawResponse get = exchange(get("/missing.txt"));
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body()).hasSize(Integer.parseInt(get.header("Content-Length")));
        send(ch, "HEAD /missing.txt HTTP/1.1\r\nHost: test\r\n\r\n" + get("/hello.txt"));
        InputStream out = written(ch);
        RawResponse head = next(out, true);
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
        // The next response starts right after the HEAD's header block: no stray body bytes.
        assertThat(next(out).text()).isEqualTo("hello world");
    }

    @Test
    void mime_whenTypesTheOriginalLacked_thenRightContentType() {
        assertThat(exchange(get("/style.css")).header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(exchange(get("/logo.svg")).header("Content-Type")).isEqualTo("image/svg+xml");
        assertThat(exchange(get("/app.wasm")).header("Content-Type")).isEqualTo("application/wasm");
    }

    @Test
    void conditional_whenIfNoneMatchCurrent_then304WithoutBody() {
        String etag = exchange(get("/hello.txt")).header("ETag");
        send(ch, "GET /hello.txt HTTP/1.1\r\nHost: test\r\nIf-None-Match: " + etag + "\r\n\r\n" + get("/style.css"));
        InputStream out = written(ch);
        RawResponse notModified = next(out);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.header("Content-Length")).isNull();
        assertThat(next(out).text()).isEqualTo("body{}");
        assertThat(statuses).containsExactly(200, 304, 200);
    }

    @Test
    void conditional_whenIfModifiedSinceNotOlder_then304() {
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\n"
                + "If-Modified-Since: Fri, 20 Nov 2026 10:00:00 GMT\r\n\r\n");
        assertThat(response.status()).isEqualTo(304);
    }

    @Test
    void conditional_whenIfMatchStale_then412() {
        assertThat(exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nIf-Match: \"old\"\r\n\r\n").status())
                .isEqualTo(412);
    }

    @Test
    void range_whenSingle_then206WithContentRange() {
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nRange: bytes=0-4\r\n\r\n");
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes 0-4/11");
        assertThat(response.text()).isEqualTo("hello");
    }

    @Test
    void range_whenSuffix_thenLastBytes() {
        assertThat(exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nRange: bytes=-5\r\n\r\n").text())
                .isEqualTo("world");
    }

    @Test
    void range_whenUnsatisfiable_then416WithLength() {
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nRange: bytes=50-60\r\n\r\n");
        assertThat(response.status()).isEqualTo(416);
        assertThat(response.header("Content-Range")).isEqualTo("bytes */11");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void range_whenSeveral_thenWhole200() {
        RawResponse response = exchange("GET /hello.txt HTTP/1.1\r\nHost: test\r\nRange: bytes=0-1,4-5\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("hello world");
    }

    // --- finishing ---

    @Test
    void finish_whenKeptAliveAndIdle_thenNothingLeftOver() {
        assertThat(exchange(get("/hello.txt")).status()).isEqualTo(200);
        assertFalse(ch.finish());
    }
}
