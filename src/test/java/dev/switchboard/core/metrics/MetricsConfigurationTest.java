package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The registry filters: word labels exported snake_case, management-plane noise dropped. */
class MetricsConfigurationTest {

    private final MetricsConfiguration configuration = new MetricsConfiguration();

    @Test
    void filters_whenGatewayReasonHyphenated_thenSnakeCaseAndOtherLabelsUntouched() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(configuration.switchboardLabelValues());

        registry.counter("switchboard.sea.closed", "reason", "peer-closed", "listener", "http-legacy").increment();
        registry.counter("jvm.thing", "reason", "Keep-Me").increment();

        assertThat(registry.get("switchboard.sea.closed").tag("reason", "peer_closed").tag("listener", "http-legacy")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("jvm.thing").tag("reason", "Keep-Me").counter().count()).isEqualTo(1);
    }

    @Test
    void filters_whenAWordLabelTakesTooManyValues_thenFurtherSeriesDropped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(configuration.boundedWordLabels());

        for (int i = 0; i < MetricsConfiguration.MAX_WORD_LABEL_VALUES + 5; i++) {
            registry.counter("switchboard.sea.closed", "reason", "r" + i).increment();
        }
        registry.counter("switchboard.sea.logins", "outcome", "ok").increment();

        assertThat(registry.find("switchboard.sea.closed").counters())
                .hasSize(MetricsConfiguration.MAX_WORD_LABEL_VALUES);
        assertThat(registry.get("switchboard.sea.logins").counter().count()).isEqualTo(1);
    }

    @Test
    void filters_whenManagementPlaneMeters_thenDenied() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(configuration.quietManagementPlane());

        registry.counter("tomcat.sessions.created");
        registry.counter("spring.security.filterchains.logout.before");
        registry.counter("http.server.requests.active");
        registry.counter("executor.completed");
        registry.counter("jvm.gc.pause");

        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactly("jvm.gc.pause");
    }
}
