package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.support.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The open-file cache over real sockets: a file changed or deleted on disk is served as it was until
 * {@code valid} has passed on the gateway's clock, then as it is now. The clock is moved by hand, so
 * nothing waits.
 */
@SpringBootTest(properties = {
    "switchboard.http.listeners.http.port=0",
    "switchboard.http.listeners.http-legacy.port=0",
    "switchboard.http.open-file-cache.valid=2s"
})
@Timeout(60)
class HttpOpenFileCacheIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @TempDir
    static Path base;

    @Autowired
    Environment environment;

    @Autowired
    MutableClock clock;

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void root(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createDirectories(base.resolve("www"));
        Files.writeString(root.resolve("changing.txt"), "first version");
        Files.writeString(root.resolve("doomed.txt"), "here for now");
        registry.add("switchboard.http.root", root::toString);
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = environment.getRequiredProperty("local.switchboard.http.port", Integer.class);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void get_whenFileChanged_thenOldContentUntilValidPassedThenNew() throws Exception {
        HttpResponse<String> first = get("/changing.txt");
        assertThat(first.body()).isEqualTo("first version");
        Files.writeString(base.resolve("www/changing.txt"), "second, longer version");
        clock.advance(Duration.ofMillis(1999));
        assertThat(get("/changing.txt").body()).isEqualTo("first version");
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> second = get("/changing.txt");
        assertThat(second.body()).isEqualTo("second, longer version");
        assertThat(second.headers().firstValue("Content-Length")).hasValue("22");
        assertThat(second.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
    }

    @Test
    void get_whenFileDeleted_thenServedUntilValidPassedThen404() throws Exception {
        assertThat(get("/doomed.txt").statusCode()).isEqualTo(200);
        Files.delete(base.resolve("www/doomed.txt"));
        assertThat(get("/doomed.txt").body()).isEqualTo("here for now");
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/doomed.txt").statusCode()).isEqualTo(404);
    }
}
