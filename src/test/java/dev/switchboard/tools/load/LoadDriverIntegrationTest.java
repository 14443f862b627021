package dev.switchboard.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Smoke runs of the load driver against the real gateway on ephemeral ports: short and small, with
 * functional assertions only (every message accounted for, report complete), never timing ones.
 */
@SpringBootTest(properties = {
        "switchboard.example.listeners.tcp.port=0",
        "switchboard.example.listeners.udp.port=0",
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0",
        "switchboard.sea.listener.port=0",
        // An unpaced sender is a flooder by SEA's rules (§11): give loopback an allowance it never reaches.
        "switchboard.sea.max-penalty=1000000000s"})
@Timeout(60)
class LoadDriverIntegrationTest {

    @Autowired
    Environment environment;

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    private static LoadReport run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = LoadDriver.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(LoadDriver.OK);
        assertThat(output).as("report header").contains(LoadReport.HEADER);
        return LoadReport.parse(List.of(output.split("\n")));
    }

    @Test
    void example_whenDrivenForTwoSeconds_thenEveryConversationDeliveredAndReportComplete() {
        LoadReport report = run("load", "--protocol", "example", "--port", String.valueOf(port("example-tcp")),
                "--connections", "4", "--duration", "2s", "--drain", "5s", "--deadline", "30s",
                "--pid", String.valueOf(ProcessHandle.current().pid()));
        assertThat(report.getLong("sent")).isPositive();
        assertThat(report.getLong("delivered")).isEqualTo(report.getLong("sent"));
        assertThat(report.getLong("lost")).isZero();
        assertThat(report.getLong("foreign")).isZero();
        assertThat(report.getLong("latency_count")).isEqualTo(report.getLong("delivered"));
        assertThat(report.values()).containsKeys("deliveries_per_s", "latency_us_p50", "latency_us_p99",
                "latency_us_p999", "server_cpu_s", "server_cpu_us_per_delivery", "server_rss_kib", "driver_cpu_s");
        assertThat(report.get("deadline_hit")).isEqualTo("false");
    }

    @Test
    void rooms_whenTwoSendersBroadcastToARoom_thenEveryMemberGetsEveryMessage() {
        LoadReport report = run("--protocol", "rooms", "--port", String.valueOf(port("http")), "--path", "/",
                "--connections", "5", "--senders", "2", "--window", "4", "--duration", "2s", "--drain", "5s",
                "--deadline", "30s", "--room", "smoke");
        assertThat(report.getLong("connected")).isEqualTo(5);
        assertThat(report.getLong("sent")).isPositive();
        assertThat(report.getLong("expected")).isEqualTo(report.getLong("sent") * 5);
        assertThat(report.getLong("delivered")).isEqualTo(report.getLong("expected"));
        assertThat(report.getLong("foreign")).isZero();
        assertThat(report.getLong("disconnects")).isZero();
    }

    @Test
    void rooms_whenIdleHold_thenAllLoggedInAndStillConnected() {
        LoadReport report = run("--protocol", "rooms", "--port", String.valueOf(port("http-legacy")),
                "--connections", "3", "--senders", "0", "--room", "", "--duration", "500ms", "--drain", "0s",
                "--deadline", "30s");
        assertThat(report.getLong("connected")).isEqualTo(3);
        assertThat(report.getLong("still_connected")).isEqualTo(3);
    }

    @Test
    void sea_whenUnpacedSendersBroadcast_thenEveryLoggedInClientGetsEveryMessage() {
        LoadReport report = run("--protocol", "sea", "--port", String.valueOf(port("sea")),
                "--connections", "6", "--senders", "2", "--window", "4", "--duration", "2s", "--drain", "5s",
                "--deadline", "30s", "--pid", String.valueOf(ProcessHandle.current().pid()));
        assertThat(report.getLong("connected")).isEqualTo(6);
        assertThat(report.getLong("sent")).isPositive();
        assertThat(report.getLong("expected")).isEqualTo(report.getLong("sent") * 6);
        assertThat(report.getLong("delivered")).isEqualTo(report.getLong("expected"));
        assertThat(report.getLong("foreign")).isZero();
        assertThat(report.getLong("disconnects")).isZero();
        assertThat(report.values()).containsKey("server_cpu_us_per_delivery");
    }

    @Test
    void sea_whenPacedSender_thenNothingLost() {
        LoadReport report = run("--protocol", "sea", "--port", String.valueOf(port("sea")),
                "--connections", "4", "--senders", "1", "--rate", "20", "--duration", "2s", "--drain", "5s",
                "--deadline", "30s");
        assertThat(report.get("rate_per_sender")).isEqualTo("20.0");
        assertThat(report.getLong("sent")).isPositive();
        assertThat(report.getLong("delivered")).isEqualTo(report.getLong("sent") * 4);
    }
}
