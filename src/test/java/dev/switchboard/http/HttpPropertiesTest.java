package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Binding, defaults and validation of {@code switchboard.http}. */
class HttpPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void bind_whenNothingSet_thenDocumentedDefaults() {
        runner.run(context -> {
            HttpProperties properties = context.getBean(HttpProperties.class);
            assertThat(properties.root()).isEqualTo("classpath:static/");
            assertThat(properties.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.maxInitialLineLength()).isEqualTo(4096);
            assertThat(properties.maxHeaderSize()).isEqualTo(DataSize.ofKilobytes(8));
            assertThat(properties.maxRequestBody()).isEqualTo(DataSize.ofKilobytes(64));
            assertThat(properties.cacheMaxAge()).isZero();
            assertThat(properties.websocketPaths()).containsExactly("/", "/ws");
            assertThat(properties.listeners().http().withDefaultPort(HttpProperties.HTTP_PORT).port()).isEqualTo(8080);
            assertThat(properties.listeners().httpLegacy().withDefaultPort(HttpProperties.HTTP_LEGACY_PORT).port())
                    .isEqualTo(25021);
            assertThat(properties.listeners().http().enabled()).isTrue();
            assertThat(properties.openFileCache()).isEqualTo(new HttpProperties.OpenFileCache(1000,
                    DataSize.ofMegabytes(8), DataSize.ofKilobytes(64), Duration.ofSeconds(1)));
        });
    }

    @Test
    void bind_whenOpenFileCacheKeys_thenBound() {
        runner.withPropertyValues("switchboard.http.open-file-cache.max-entries=0",
                "switchboard.http.open-file-cache.max-bytes=1MB", "switchboard.http.open-file-cache.max-file-size=4KB",
                "switchboard.http.open-file-cache.valid=0s").run(context -> {
                    HttpProperties.OpenFileCache cache = context.getBean(HttpProperties.class).openFileCache();
                    assertThat(cache.maxEntries()).isZero();
                    assertThat(cache.maxBytes()).isEqualTo(DataSize.ofMegabytes(1));
                    assertThat(cache.maxFileSize()).isEqualTo(DataSize.ofKilobytes(4));
                    assertThat(cache.valid()).isZero();
                });
    }

    @Test
    void bind_whenKebabCaseKeys_thenBound() {
        runner.withPropertyValues("switchboard.http.listeners.http.port=0",
                "switchboard.http.listeners.http-legacy.port=1234", "switchboard.http.listeners.http-legacy.enabled=false",
                "switchboard.http.root=/srv/www", "switchboard.http.idle-timeout=300ms",
                "switchboard.http.websocket-paths=/chat", "switchboard.http.cache-max-age=1h").run(context -> {
                    HttpProperties properties = context.getBean(HttpProperties.class);
                    assertThat(properties.listeners().http().port()).isZero();
                    assertThat(properties.listeners().httpLegacy().port()).isEqualTo(1234);
                    assertThat(properties.listeners().httpLegacy().enabled()).isFalse();
                    assertThat(properties.root()).isEqualTo("/srv/www");
                    assertThat(properties.idleTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(properties.websocketPaths()).isEqualTo(List.of("/chat"));
                    assertThat(properties.cacheMaxAge()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void validate_whenValuesOutOfRange_thenContextFails() {
        for (String bad : List.of("switchboard.http.max-initial-line-length=10", "switchboard.http.max-header-size=10B",
                "switchboard.http.max-request-body=1GB", "switchboard.http.idle-timeout=-1s",
                "switchboard.http.request-timeout=2h", "switchboard.http.cache-max-age=-5s",
                "switchboard.http.websocket-paths=ws", "switchboard.http.root=", "switchboard.http.listeners.http.port=70000",
                "switchboard.http.open-file-cache.max-entries=-1", "switchboard.http.open-file-cache.max-bytes=2GB",
                "switchboard.http.open-file-cache.max-file-size=17MB", "switchboard.http.open-file-cache.valid=-1s",
                "switchboard.http.open-file-cache.valid=2h")) {
            runner.withPropertyValues(bad).run(context -> assertThat(context).as(bad).hasFailed());
        }
    }
}
