package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.http.support.RawHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The idle timeout on a real socket, shortened to 300 ms (the default is the original's 5 s). */
@SpringBootTest(properties = {
    "switchboard.http.listeners.http.port=0",
    "switchboard.http.listeners.http-legacy.port=0",
    "switchboard.http.idle-timeout=300ms"
})
@Timeout(30)
class HttpIdleTimeoutIntegrationTest {

    @TempDir
    static Path root;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void root(DynamicPropertyRegistry registry) throws IOException {
        Files.writeString(root.resolve("a.txt"), "A");
        registry.add("switchboard.http.root", root::toString);
    }

    private int port() {
        return environment.getRequiredProperty("local.switchboard.http.port", Integer.class);
    }

    @Test
    void idle_whenKeptAliveConnectionGoesQuiet_thenServerClosesIt() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            assertThat(raw.send("GET /a.txt HTTP/1.1\r\nHost: t\r\n\r\n").read().text()).isEqualTo("A");
            long start = System.nanoTime();
            assertThat(raw.awaitClosed()).isZero();
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
        }
    }

    @Test
    void idle_whenConnectionNeverSendsAnything_thenClosed() throws IOException {
        try (RawHttpClient raw = new RawHttpClient(port())) {
            assertThat(raw.awaitClosed()).isZero();
        }
    }
}
