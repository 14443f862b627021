package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.switchboard.core.listener.ListenerRegistry;
import dev.switchboard.core.listener.NettyListener;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

/**
 * After real traffic on every protocol, the whole Prometheus scrape follows the text-format rules
 * ({@link PrometheusText}): every family has HELP and TYPE, histograms are complete, the gateway's
 * labels are bounded and snake_case, and the latency histograms have counted the traffic. When
 * {@code promtool} is on the PATH, its linter finds nothing in the {@code switchboard_} families either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.rooms.heartbeat-interval=1s", "switchboard.rooms.heartbeat-timeout=20s",
        "switchboard.admin.username=ops", "switchboard.admin.password=metrics-test"})
@Timeout(90)
@ExtendWith(OutputCaptureExtension.class)
class MetricsScrapeIntegrationTest {

    private static final Set<String> PROTOCOLS = Set.of("sea", "rooms", "http", "example");

    @Autowired
    Environment environment;

    @Autowired
    ListenerRegistry listeners;

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    @Test
    void scrape_afterTrafficOnEveryProtocol_thenFollowsTextFormatRulesWithLatencyHistograms(CapturedOutput output)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SeaTestClient alice = SeaTestClient.connect(port("sea"), "127.0.9.1");
                SeaTestClient bob = SeaTestClient.connect(port("sea"), "127.0.9.2");
                WsTestClient ws = WsTestClient.connect(group, port("http"), "/ws", true);
                Socket example = new Socket(InetAddress.getLoopbackAddress(), port("example-tcp"));
                DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            alice.login("ScrapeAlice", "AlicePC");
            bob.login("ScrapeBob", "BobPC");
            try (SeaTestClient carol = SeaTestClient.connect(port("sea"), "127.0.9.3")) {
                carol.login("ScrapeCarol", "CarolPC");
            }
            // A group MESSAGE (§6.2) reaches both users: a two-recipient broadcast.
            alice.send(Hex.bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c"));

            ws.send(Command.NOP, "magic string :)");
            ws.send(Command.SET_USER_NICK, "scrape-nick");
            nextPacket(ws, "");
            ws.send(Command.SET_ROOM, "scrape-room");
            assertThat(nextPacket(ws, "RESP_OK 1002")).isEqualTo("RESP_OK 1002");
            ws.send(Command.NEW_MSG, "measured");

            example.setSoTimeout(5000);
            InputStream in = example.getInputStream();
            assertThat(in.readNBytes(3)).isEqualTo("HI\n".getBytes(StandardCharsets.US_ASCII));
            example.getOutputStream().write("DAD\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readNBytes(6)).isEqualTo("CLIMB\n".getBytes(StandardCharsets.US_ASCII));

            byte[] datagram = "NOT_A_COMMAND\n".getBytes(StandardCharsets.US_ASCII);
            udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(),
                    port("example-udp")));

            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, "/").statusCode()).isEqualTo(200);
            assertThat(get(http, "/no-such-file").statusCode()).isEqualTo(404);

            ManagementClient scraper = new ManagementClient(environment, null, null);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                PrometheusText text = PrometheusText.parse(scraper.get("/actuator/prometheus").body());
                for (String histogram : List.of("switchboard_sea_broadcast_fanout_seconds",
                        "switchboard_sea_delivery_lag_seconds", "switchboard_rooms_broadcast_fanout_seconds",
                        "switchboard_rooms_delivery_lag_seconds", "switchboard_rooms_ping_round_trip_seconds")) {
                    assertThat(text.sum(histogram + "_count", Map.of())).as(histogram).isGreaterThanOrEqualTo(1);
                }
                assertThat(text.sum("switchboard_sea_command_duration_seconds_count", Map.of("kind", "send_message")))
                        .isGreaterThanOrEqualTo(1);
                assertThat(text.sum("switchboard_sea_command_duration_seconds_count", Map.of("kind", "login")))
                        .isGreaterThanOrEqualTo(2);
                assertThat(text.sum("switchboard_http_request_duration_seconds_count",
                        Map.of("listener", "http", "status", "2xx"))).isGreaterThanOrEqualTo(1);
                assertThat(text.sum("switchboard_http_request_duration_seconds_count",
                        Map.of("listener", "http", "status", "4xx"))).isGreaterThanOrEqualTo(1);
                // Carol hung up: the close reason is exported in snake_case like every other word label.
                assertThat(text.sum("switchboard_connections_closed_total",
                        Map.of("protocol", "sea", "reason", "peer_closed"))).isGreaterThanOrEqualTo(1);
                // The roster thread handled the logins and the message: its busy time is counted.
                assertThat(text.sum("switchboard_sea_roster_busy_seconds_total", Map.of("protocol", "sea")))
                        .isGreaterThan(0);
            });

            // Each meter is registered once: Micrometer warns about a second registration at startup.
            assertThat(output.getAll()).doesNotContain("has been already registered");
            String body = scraper.get("/actuator/prometheus").body();
            PrometheusText text = PrometheusText.parse(body);
            assertThat(text.violations()).isEmpty();
            assertBoundedValues(text);
            assertThat(text.families()).containsKeys("switchboard_build_info",
                    "switchboard_netty_allocator_used_bytes", "switchboard_netty_direct_memory_max_bytes",
                    "switchboard_netty_event_loop_pending_tasks", "jvm_buffer_memory_used_bytes",
                    "switchboard_listener_received_bytes_total", "switchboard_listener_sent_bytes_total");
            assertThat(text.sum("jvm_buffer_memory_used_bytes", Map.of("id", "direct"))).isPositive();
            assertThat(text.families().keySet()).noneMatch(name -> name.startsWith("tomcat_")
                    || name.startsWith("spring_security_") || name.startsWith("http_server_requests")
                    || name.startsWith("netty_allocator_") || name.startsWith("executor_"));
            PrometheusText.Sample build = text.families().get("switchboard_build_info").samples.get(0);
            assertThat(build.value()).isEqualTo(1.0);
            assertThat(build.labels()).containsKeys("version", "commit", "java", "transport")
                    .doesNotContainEntry("version", "unknown");
            // The UDP listener's one channel is not a connection.
            assertThat(text.sum("switchboard_listener_connections", Map.of("listener", "example-udp"))).isZero();
            assertThat(text.sum("switchboard_listener_accepted_total", Map.of("listener", "example-udp"))).isZero();
            assertThat(body).doesNotContain("ScrapeAlice").doesNotContain("ScrapeBob").doesNotContain("ScrapeCarol").doesNotContain("scrape-nick")
                    .doesNotContain("scrape-room").doesNotContain("127.0.9.");
            assertThat(promtoolComplaints(body)).isEmpty();
            // The catalogue documents every family the gateway exports.
            String catalogue = Files.readString(Path.of("src/docs/metrics.md"));
            assertThat(text.families().keySet()).filteredOn(name -> name.startsWith("switchboard_"))
                    .map(name -> name.replaceFirst("_max$", ""))
                    .allSatisfy(name -> assertThat(catalogue).contains("`" + name + "`"));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void info_whenAskedByAnOperator_thenShowsBuildCommitJavaAndTransport() throws Exception {
        HttpResponse<String> info = new ManagementClient(environment, "ops", "metrics-test").get("/actuator/info");
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode json = JsonMapper.builder().build().readTree(info.body());
        assertThat(json.at("/build/version").asText()).isNotBlank();
        assertThat(json.at("/build/time").asText()).isNotBlank();
        assertThat(json.has("git")).isTrue();
        assertThat(json.at("/java/version").asText()).isNotBlank();
        assertThat(json.at("/netty/transport").asText()).isIn("epoll", "nio");
        assertThat(json.at("/netty/version").asText()).startsWith("4.2.");
    }

    private void assertBoundedValues(PrometheusText text) {
        Set<String> listenerNames = listeners.all().stream().map(NettyListener::name).collect(Collectors.toSet());
        text.families().values().stream().filter(f -> f.name.startsWith("switchboard_"))
                .flatMap(f -> f.samples.stream())
                .forEach(sample -> {
                    String listener = sample.labels().get("listener");
                    if (listener != null) {
                        assertThat(listenerNames).as(sample.toString()).contains(listener);
                    }
                    String protocol = sample.labels().get("protocol");
                    if (protocol != null) {
                        assertThat(PROTOCOLS).as(sample.toString()).contains(protocol);
                    }
                });
    }

    /** The next rooms packet that starts with {@code prefix}, skipping heartbeat pings and other packets. */
    private static String nextPacket(WsTestClient ws, String prefix) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            String next = ws.next();
            if (!next.equals("ping") && next.startsWith(prefix)) {
                return next;
            }
        }
        throw new AssertionError("no " + prefix + " packet");
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("http") + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code promtool check metrics} lines about switchboard_ families; empty when promtool is absent. */
    private static List<String> promtoolComplaints(String exposition) throws Exception {
        String path = System.getenv().getOrDefault("PATH", "");
        boolean present = Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, "promtool").canExecute());
        if (!present) {
            return List.of();
        }
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines().filter(line -> line.contains("switchboard_")).toList();
    }
}
