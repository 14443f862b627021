package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.metrics.GatewayMeters;
import dev.switchboard.http.service.ClasspathContent;
import dev.switchboard.http.service.StaticFiles;
import dev.switchboard.http.support.RawHttpClient;
import dev.switchboard.http.support.RawResponse;
import dev.switchboard.support.CapturedLogs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The default {@code classpath:static/} root as it is served from the packaged jar, where files are streamed in
 * pieces instead of sent as file regions: pipelined requests and connection persistence over real sockets. The
 * bundled files are copied into a jar and served from it, exactly as {@code java -jar switchboard.jar} does.
 */
@SpringBootTest(properties = {
    "spring.main.allow-bean-definition-overriding=true",
    // Long enough that a connection closing after a response is the keep-alive decision, not the idle timer.
    "switchboard.http.idle-timeout=1m"
})
@Timeout(60)
class HttpPipeliningIntegrationTest {

    /** The bundled files, served from a jar: the production layout of the default root. */
    @TestConfiguration
    static class JarRoot {
        @Bean
        StaticFiles httpStaticFiles() throws IOException {
            Path jar = bundledFilesAsJar();
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
            return new StaticFiles(new ClasspathContent(loader, "static/"), Duration.ZERO);
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    private static Path bundledStatic() {
        try {
            return Path.of(HttpPipeliningIntegrationTest.class.getClassLoader().getResource("static/").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path bundledFilesAsJar() throws IOException {
        Path jar = Files.createTempFile("switchboard-static", ".jar");
        jar.toFile().deleteOnExit();
        Path dir = bundledStatic();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry("static/" + dir.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
            }
        }
        return jar;
    }

    private static byte[] bundled(String name) {
        try {
            return Files.readAllBytes(bundledStatic().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    private double clientErrors(String listener) {
        var counter = meters.find(GatewayMeters.HTTP_REQUESTS).tags("listener", listener, "status", "4xx").counter();
        return counter == null ? 0 : counter.count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "http-legacy"})
    void pipelining_whenSixtyGetsOfStreamedFileSentAtOnce_thenSixtyIntactResponsesInOrder(String listener)
            throws IOException {
        byte[] css = bundled("rooms.css");
        byte[] index = bundled("index.html");
        try (CapturedLogs logs = CapturedLogs.start(); RawHttpClient raw = new RawHttpClient(port(listener))) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                requests.append("GET ").append(i % 3 == 2 ? "/" : "/rooms.css").append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            raw.send(requests.toString());
            for (int i = 0; i < 60; i++) {
                RawResponse response = raw.read();
                assertThat(response).as("response %d", i).isNotNull();
                assertThat(response.statusLine()).as("response %d", i).isEqualTo("HTTP/1.1 200 OK");
                assertThat(response.header("Connection")).as("response %d", i).isNull();
                assertThat(response.body()).as("body of response %d", i).isEqualTo(i % 3 == 2 ? index : css);
            }
            assertThat(logs.containing("IllegalReferenceCount")).isEmpty();
            assertThat(logs.errors()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /rooms.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /rooms.css HTTP/1.0\r\n\r\n",
        "GET /rooms.css HTTP/1.1\r\nHost: x\r\n\r\nGET /rooms.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    })
    void persistence_whenLastRequestClosesOnStreamedFile_thenClosedRightAfterItsResponse(String requests)
            throws IOException {
        byte[] css = bundled("rooms.css");
        int expected = requests.split("GET ").length - 1;
        try (RawHttpClient raw = new RawHttpClient(port("http"))) {
            raw.send(requests);
            for (int i = 0; i < expected; i++) {
                RawResponse response = raw.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(css);
                assertThat(response.header("Connection")).isEqualTo(i == expected - 1 ? "close" : null);
            }
            // The read timeout (10 s) is far below the idle timeout (1 min): only the keep-alive decision closes.
            assertThat(raw.awaitClosed()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\nHost: x\r\n", "GET / HTTP/1.1\r\n", "GET /rooms.css HTTP/1.1\r\nHost: x\r\n\r\nGET / HT"})
    void close_whenPeerLeavesInTheMiddleOfARequest_thenNoAnswerNoWarningNo4xx(String partial) throws Exception {
        double before = clientErrors("http");
        try (CapturedLogs logs = CapturedLogs.start()) {
            try (RawHttpClient raw = new RawHttpClient(port("http"))) {
                raw.send(partial);
                if (partial.contains("\r\n\r\n")) {
                    assertThat(raw.read().status()).isEqualTo(200);
                }
            }
            // A later request on a fresh connection is answered only after the server has handled the close.
            try (RawHttpClient raw = new RawHttpClient(port("http"))) {
                assertThat(raw.send("GET /rooms.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read().status())
                        .isEqualTo(200);
            }
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(logs.containing("malformed request")).isEmpty());
            assertThat(logs.lines()).isEmpty();
        }
        assertThat(clientErrors("http")).isEqualTo(before);
    }
}
