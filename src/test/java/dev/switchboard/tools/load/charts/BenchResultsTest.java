package dev.switchboard.tools.load.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTest {

    private static final String WRK = """
            Running 10s test @ http://127.0.0.1:18090/index.html
              1 threads and 100 connections
              Latency Distribution
                 50%    1.20ms
                 75%    1.24ms
                 90%    1.37ms
                 99%  850.00us
              131469 requests in 3.10s, 162.49MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
            Requests/sec:  42401.31
            """;

    private static final String REPORT = """
            # 100/100 connections ready in 0.5 s
            # switchboard load report
            protocol=sea
            lost=3
            deliveries_per_s=1000.500
            latency_us_p50=10.000
            latency_us_p99=99.000
            latency_us_p999=n/a
            server_cpu_us_per_delivery=0.250
            """;

    @Test
    void parse_whenWrkOutput_thenRateLatencyInMicrosAndErrors() {
        BenchResults.Run run = BenchResults.parse(100, WRK);
        assertThat(run.perSecond()).isEqualTo(42401.31);
        assertThat(run.p50Us()).isEqualTo(1200.0);
        assertThat(run.p99Us()).isEqualTo(850.0);
        assertThat(run.lost()).isEqualTo(3);
    }

    @Test
    void parse_whenLoadReport_thenFiguresAndMissingAsNaN() {
        BenchResults.Run run = BenchResults.parse(100, REPORT);
        assertThat(run.perSecond()).isEqualTo(1000.5);
        assertThat(run.p99Us()).isEqualTo(99.0);
        assertThat(run.p999Us()).isNaN();
        assertThat(run.lost()).isEqualTo(3);
        assertThat(run.cpuUsPerDelivery()).isEqualTo(0.25);
        assertThat(run.heapPerConnection()).isNaN();
    }

    @Test
    void load_whenTree_thenGroupedByChartSeriesAndConnections(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("sea/gateway"));
        Files.writeString(root.resolve("sea/gateway/c100-r1.txt"), REPORT);
        Files.writeString(root.resolve("sea/gateway/c100-r2.txt"), REPORT);
        Files.writeString(root.resolve("sea/gateway/notes.txt"), "ignored");
        var charts = BenchResults.load(root);
        assertThat(charts.get("sea").get("gateway").get(100)).hasSize(2);
        assertThat(BenchResults.median(new double[] {3, 1, Double.NaN, 2, 10})).isEqualTo(2.5);
    }
}
