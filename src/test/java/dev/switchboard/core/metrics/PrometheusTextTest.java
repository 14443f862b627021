package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrape rules themselves: a conforming exposition passes, each kind of breach is reported. */
class PrometheusTextTest {

    private static final String GOOD = """
            # HELP switchboard_sea_command_duration_seconds Time to handle one command
            # TYPE switchboard_sea_command_duration_seconds histogram
            switchboard_sea_command_duration_seconds_bucket{kind="send_message",protocol="sea",le="0.001"} 1
            switchboard_sea_command_duration_seconds_bucket{kind="send_message",protocol="sea",le="+Inf"} 2
            switchboard_sea_command_duration_seconds_count{kind="send_message",protocol="sea"} 2
            switchboard_sea_command_duration_seconds_sum{kind="send_message",protocol="sea"} 0.5
            # HELP switchboard_sea_closed_total SEA sessions closed, by reason
            # TYPE switchboard_sea_closed_total counter
            switchboard_sea_closed_total{protocol="sea",reason="peer_closed"} 3.0
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of minor GC"} 1
            jvm_gc_pause_seconds_sum{action="end of minor GC"} 0.011
            """;

    @Test
    void parse_whenConforming_thenNoViolations() {
        PrometheusText text = PrometheusText.parse(GOOD);
        assertThat(text.violations()).isEmpty();
        assertThat(text.sum("switchboard_sea_command_duration_seconds_count",
                Map.of("kind", "send_message"))).isEqualTo(2.0);
    }

    @Test
    void parse_whenHelpMissing_thenReported() {
        PrometheusText text = PrometheusText.parse("""
                # HELP switchboard_listener_up\s
                # TYPE switchboard_listener_up gauge
                switchboard_listener_up{listener="sea",protocol="sea"} 1.0
                """);
        assertThat(text.violations()).containsExactly("switchboard_listener_up: no HELP text");
    }

    @Test
    void parse_whenSampleHasNoFamily_thenReported() {
        assertThat(PrometheusText.parse("orphan_total 1\n").violations())
                .containsExactly("orphan_total: sample without HELP/TYPE");
    }

    @Test
    void parse_whenHistogramLacksInfBucket_thenReported() {
        PrometheusText text = PrometheusText.parse("""
                # HELP x_seconds t
                # TYPE x_seconds histogram
                x_seconds_bucket{le="0.1"} 1
                x_seconds_count 1
                x_seconds_sum 0.05
                """);
        assertThat(text.violations()).containsExactly("x_seconds{}: no +Inf bucket");
    }

    @Test
    void parse_whenBucketsNotCumulative_thenReported() {
        PrometheusText text = PrometheusText.parse("""
                # HELP x_seconds t
                # TYPE x_seconds histogram
                x_seconds_bucket{le="0.1"} 2
                x_seconds_bucket{le="+Inf"} 1
                x_seconds_count 1
                x_seconds_sum 0.05
                """);
        assertThat(text.violations()).containsExactly("x_seconds{}: buckets not ascending and cumulative");
    }

    @Test
    void parse_whenGatewayLabelUnboundedOrNotSnakeCase_thenReported() {
        PrometheusText text = PrometheusText.parse("""
                # HELP switchboard_sea_closed_total closed
                # TYPE switchboard_sea_closed_total counter
                switchboard_sea_closed_total{reason="peer-closed"} 1
                switchboard_sea_closed_total{user="bob"} 1
                switchboard_sea_closed_total{status="404"} 1
                """);
        assertThat(text.violations()).containsExactly(
                "switchboard_sea_closed_total: reason=\"peer-closed\" is not snake_case",
                "switchboard_sea_closed_total: label user is not one of the bounded gateway labels",
                "switchboard_sea_closed_total: status=\"404\" is not a status class");
    }

    @Test
    void parse_whenUnitRepeated_thenReported() {
        PrometheusText text = PrometheusText.parse("""
                # HELP switchboard_listener_bytes_in_bytes_total in
                # TYPE switchboard_listener_bytes_in_bytes_total counter
                switchboard_listener_bytes_in_bytes_total{listener="sea"} 1
                """);
        assertThat(text.violations()).containsExactly("switchboard_listener_bytes_in_bytes_total: unit repeated");
    }
}
