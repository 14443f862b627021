package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.http.support.RawHttpClient;
import dev.switchboard.http.support.RawResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The static file server over real loopback sockets on both HTTP listeners. */
@SpringBootTest(properties = {
    "switchboard.http.listeners.http.port=0",
    "switchboard.http.listeners.http-legacy.port=0",
    "switchboard.http.max-initial-line-length=512",
    "switchboard.http.max-header-size=2KB",
    "switchboard.http.max-request-body=1KB"
})
@Timeout(60)
class HttpIntegrationTest {

    private static final String INDEX = "<!doctype html><title>t</title><h1>home</h1>";

    @TempDir
    static Path base;

    private final byte[] big = bigContent();

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void root(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createDirectories(base.resolve("www"));
        Files.writeString(root.resolve("index.html"), INDEX);
        Files.writeString(root.resolve("hello.txt"), "hello world");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/index.html"), "docs");
        Files.writeString(base.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape.txt"), base.resolve("secret.txt"));
        Files.write(root.resolve("big.bin"), bigContent());
        registry.add("switchboard.http.root", root::toString);
    }

    /** 3 MiB and a bit of seeded random bytes: the same array every call. */
    private static byte[] bigContent() {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private int port() {
        return environment.getRequiredProperty("local.switchboard.http.port", Integer.class);
    }

    private int legacyPort() {
        return environment.getRequiredProperty("local.switchboard.http-legacy.port", Integer.class);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path));
    }

    @Test
    void get_whenIndex_thenServedWithHeaders() throws Exception {
        HttpResponse<byte[]> response = send(request("/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(INDEX);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Server")).hasValue("Switchboard");
        assertThat(response.headers().firstValue("Date")).isPresent();
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void get_whenLargeFile_thenEveryByteArrivesByZeroCopy() throws Exception {
        HttpResponse<byte[]> response = send(request("/big.bin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(response.body())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
    }

    @Test
    void head_whenFile_thenHeadersWithoutBody() throws Exception {
        HttpResponse<byte[]> response = send(request("/hello.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("11");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void conditional_whenEtagRepeated_then304() throws Exception {
        String etag = send(request("/hello.txt")).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> response = send(request("/hello.txt").header("If-None-Match", etag));
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void range_whenSatisfiableOrNot_then206Or416() throws Exception {
        HttpResponse<byte[]> partial = send(request("/hello.txt").header("Range", "bytes=6-10"));
        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 6-10/11");
        assertThat(new String(partial.body(), StandardCharsets.US_ASCII)).isEqualTo("world");
        HttpResponse<byte[]> bigRange = send(request("/big.bin").header("Range", "bytes=1000000-1000099"));
        assertThat(bigRange.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 1_000_000, 1_000_100));
        HttpResponse<byte[]> unsatisfiable = send(request("/hello.txt").header("Range", "bytes=11-"));
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */11");
    }

    @Test
    void errors_whenMissingOrOtherMethod_then404Or405WithHtmlBody() throws Exception {
        HttpResponse<byte[]> missing = send(request("/nope.txt"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("404 Not Found");
        HttpResponse<byte[]> post = send(request("/hello.txt").POST(HttpRequest.BodyPublishers.ofString("x=1")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void directory_whenNoSlash_thenRedirect() throws Exception {
        HttpResponse<byte[]> response = send(request("/docs"));
        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/docs/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "/docs/../../secret.txt",
        "/escape.txt", "/..\\secret.txt", "/..%5csecret.txt", "/secret.txt%00", "/..%2fsecret.txt"})
    void traversal_whenAttempted_then404Or400AndNothingLeaks(String target) throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            RawResponse response = raw.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(response.status()).isIn(400, 404);
            assertThat(response.text()).doesNotContain("outside the root");
        }
    }

    @Test
    void keepAlive_whenSeveralRequestsOnOneConnection_thenAllAnswered() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            for (int i = 0; i < 5; i++) {
                RawResponse response = raw.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n").read();
                assertThat(response.text()).isEqualTo("hello world");
                assertThat(response.header("Connection")).isNull();
            }
            RawResponse last = raw.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").read();
            assertThat(last.text()).isEqualTo(INDEX);
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void pipelining_whenRequestsSentTogether_thenAnswersInOrder() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            raw.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /big.bin HTTP/1.1\r\nHost: t\r\nRange: bytes=0-9\r\n\r\n"
                    + "HEAD / HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /docs/ HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(raw.read().text()).isEqualTo("hello world");
            assertThat(raw.read().body()).isEqualTo(java.util.Arrays.copyOf(big, 10));
            assertThat(raw.readHead().header("Content-Length")).isEqualTo(String.valueOf(INDEX.length()));
            assertThat(raw.read().text()).isEqualTo("docs");
        }
    }

    @Test
    void http10_whenNoKeepAlive_thenClosedAfterResponse() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            RawResponse response = raw.send("GET /hello.txt HTTP/1.0\r\n\r\n").read();
            assertThat(response.text()).isEqualTo("hello world");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void http10_whenKeepAlive_thenSecondRequestServed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            assertThat(raw.send("GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read()
                    .header("Connection")).isEqualTo("keep-alive");
            assertThat(raw.send("GET /hello.txt HTTP/1.0\r\n\r\n").read().text()).isEqualTo("hello world");
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void limits_whenRequestLineTooLong_then414AndClosed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            RawResponse response = raw.send("GET /" + "a".repeat(600) + " HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void limits_whenHeadersTooLarge_then431AndClosed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            RawResponse response = raw.send("GET / HTTP/1.1\r\nHost: t\r\nCookie: " + "c".repeat(3000) + "\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void limits_whenBodyTooLarge_then413AndClosed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            RawResponse response = raw.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"
                    + "x".repeat(2000)).read();
            assertThat(response.status()).isEqualTo(413);
            raw.awaitClosed();
        }
    }

    @Test
    void versions_whenUnsupported_then505AndClosed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            assertThat(raw.send("GET / HTTP/1.2\r\nHost: t\r\n\r\n").read().status()).isEqualTo(505);
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @Test
    void legacyListener_whenGet_thenSameContent() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + legacyPort() + "/hello.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello world");
    }

    @Test
    void metrics_whenResponsesSent_thenCountedByStatusClass() throws Exception {
        double before = meters.get(GatewayMeters.HTTP_REQUESTS).tag("listener", "http").tag("status", "4xx").counter().count();
        send(request("/does-not-exist"));
        double after = meters.get(GatewayMeters.HTTP_REQUESTS).tag("listener", "http").tag("status", "4xx").counter().count();
        assertThat(after).isEqualTo(before + 1);
    }
}
