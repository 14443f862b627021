package dev.switchboard.http.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.metrics.GatewayMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerHttpMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double count(String listener, String status) {
        return registry.get(GatewayMeters.HTTP_REQUESTS).tag("listener", listener).tag("status", status).counter().count();
    }

    @Test
    void responseSent_whenStatusesOfEachClass_thenCountedByClassAndListener() {
        HttpMetrics http = new MicrometerHttpMetrics(registry, "http");
        HttpMetrics legacy = new MicrometerHttpMetrics(registry, "http-legacy");
        http.responseSent(200);
        http.responseSent(206);
        http.responseSent(304);
        http.responseSent(404);
        http.responseSent(505);
        http.responseSent(101);
        legacy.responseSent(200);
        assertThat(count("http", "2xx")).isEqualTo(2);
        assertThat(count("http", "3xx")).isEqualTo(1);
        assertThat(count("http", "4xx")).isEqualTo(1);
        assertThat(count("http", "5xx")).isEqualTo(1);
        assertThat(count("http", "1xx")).isEqualTo(1);
        assertThat(count("http-legacy", "2xx")).isEqualTo(1);
    }

    @Test
    void responseSent_whenStatusOutsideClasses_thenIgnoredAndSeriesFixed() {
        HttpMetrics http = new MicrometerHttpMetrics(registry, "http");
        http.responseSent(600);
        http.responseSent(42);
        assertThat(registry.get(GatewayMeters.HTTP_REQUESTS).counters()).hasSize(5)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }
}
