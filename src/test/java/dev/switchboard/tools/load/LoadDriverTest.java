package dev.switchboard.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tools.load.support.FakeServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver end to end against minimal loopback fakes (the gateway runs in LoadDriverIntegrationTest). */
@Timeout(60)
class LoadDriverTest {

    private static LoadReport run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LoadDriver.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(LoadDriver.OK);
        return LoadReport.parse(List.of(output.split("\n")));
    }

    @Test
    void run_whenExampleServer_thenEveryConversationDelivered() throws Exception {
        try (FakeServers server = FakeServers.example()) {
            LoadReport report = run("load", "--protocol", "example", "--port", String.valueOf(server.port()),
                    "--connections", "4", "--duration", "500ms", "--drain", "2s");
            assertThat(report.getLong("sent")).isPositive();
            assertThat(report.getLong("delivered")).isEqualTo(report.getLong("sent"));
            assertThat(report.getLong("lost")).isZero();
            assertThat(report.getLong("latency_count")).isEqualTo(report.getLong("delivered"));
            assertThat(report.get("latency_us_p99")).isNotNull();
        }
    }

    @Test
    void run_whenSeaServerUnpaced_thenEachMessageReachesEveryConnection() throws Exception {
        try (FakeServers server = FakeServers.sea()) {
            LoadReport report = run("--protocol", "sea", "--port", String.valueOf(server.port()),
                    "--connections", "5", "--senders", "2", "--window", "4", "--duration", "500ms", "--drain", "3s");
            assertThat(report.getLong("connected")).isEqualTo(5);
            assertThat(report.getLong("sent")).isPositive();
            assertThat(report.getLong("expected")).isEqualTo(report.getLong("sent") * 5);
            assertThat(report.getLong("delivered")).isEqualTo(report.getLong("expected"));
            assertThat(report.getLong("foreign")).isZero();
        }
    }

    @Test
    void run_whenSeaServerPacedOverThreeSources_thenEveryMessageDelivered() throws Exception {
        try (FakeServers server = FakeServers.sea()) {
            LoadReport report = run("--protocol", "sea", "--port", String.valueOf(server.port()),
                    "--connections", "3", "--senders", "1", "--rate", "50", "--duration", "1s", "--sources", "3");
            assertThat(report.get("rate_per_sender")).isEqualTo("50.0");
            assertThat(report.get("sources")).isEqualTo("3");
            assertThat(report.getLong("sent")).isPositive();
            assertThat(report.getLong("delivered")).isEqualTo(report.getLong("sent") * 3);
        }
    }

    @Test
    void run_whenTrickleScenarioScaledDown_thenPacedDeliveriesAndDriverCpuReported() throws Exception {
        try (FakeServers server = FakeServers.sea()) {
            LoadReport report = run("--scenario", "sea-trickle", "--port", String.valueOf(server.port()),
                    "--connections", "6", "--senders", "3", "--rate", "20", "--duration", "1s", "--drain", "3s");
            assertThat(report.get("scenario")).isEqualTo("sea-trickle");
            assertThat(report.get("rate_per_sender")).isEqualTo("20.0");
            assertThat(report.getLong("threads")).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(report.getLong("sent")).isPositive();
            assertThat(report.getLong("delivered")).isEqualTo(report.getLong("sent") * 6);
            assertThat(report.getLong("driver_loop_threads")).isEqualTo(report.getLong("threads"));
            assertThat(Double.parseDouble(report.get("driver_cpu_s"))).isPositive();
            assertThat(report.get("driver_cpu_us_per_delivery")).isNotEqualTo("n/a");
            assertThat(report.get("driver_cpu_share_of_cores")).isNotNull();
            assertThat(report.get("driver_busiest_loop_share_of_core")).isNotNull();
            assertThat(report.get("latency_us_p50")).isNotNull();
            assertThat(report.get("latency_us_max")).isNotNull();
        }
    }

    @Test
    void run_whenNothingListens_thenReportsTheFailure() throws Exception {
        int port;
        try (FakeServers server = FakeServers.sea()) {
            port = server.port();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--protocol", "sea", "--port", String.valueOf(port),
                "--connections", "2", "--duration", "100ms", "--drain", "0s"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LoadReport report = LoadReport.parse(List.of(bytes.toString(StandardCharsets.UTF_8).split("\n")));
        assertThat(status).isEqualTo(LoadDriver.FAILED);
        assertThat(report.getLong("connect_failures")).isEqualTo(2);
        assertThat(report.get("error")).startsWith("no connection became ready");
    }

    @Test
    void run_whenTargetNotLoopback_thenRefusedWithUsage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"--protocol", "sea", "--host", "192.0.2.1"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(LoadDriver.USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("refusing non-loopback target 192.0.2.1");
    }

    @Test
    void run_whenHelp_thenUsageAndSuccess() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LoadDriver.run(new String[] {"load", "--help"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(LoadDriver.OK);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("Usage: load").contains("--protocol=example|sea|rooms")
                .contains("--deadline").contains("--scenario").contains("sea-trickle");
    }

    @Test
    void hardDeadline_whenHelpOrBadArguments_thenNoneElseDeadlinePlusMargin() {
        assertThat(LoadDriver.hardDeadline(new String[] {"--help"})).isEmpty();
        assertThat(LoadDriver.hardDeadline(new String[] {"--protocol", "sea", "--help"})).isPresent();
        assertThat(LoadDriver.hardDeadline(new String[] {"--protocol", "smtp"})).isEmpty();
        assertThat(LoadDriver.hardDeadline(new String[] {"--protocol", "sea", "--deadline", "2m"}))
                .contains(java.time.Duration.ofSeconds(150));
    }
}
