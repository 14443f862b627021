package dev.switchboard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.Hex;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * Real traffic on every protocol, then the Prometheus scrape parsed: the documented
 * {@code switchboard_…} meters are there with the traffic counted, and no series carries a user name
 * or an address as a label.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(60)
class PrometheusIntegrationTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Autowired
    Environment environment;

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    /** Sum of each metric's samples across its series. */
    private static Map<String, Double> parse(String exposition) {
        Map<String, Double> sums = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("well-formed sample line: %s", line).isTrue();
            sums.merge(m.group(1), Double.parseDouble(m.group(3)), Double::sum);
        }
        return sums;
    }

    @Test
    void scrape_afterTrafficOnEveryProtocol_thenDocumentedMetersCountIt() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (SeaTestClient sea = SeaTestClient.connect(port("sea"), "127.0.8.1");
                WsTestClient ws = WsTestClient.connect(group, port("http"), "/ws", true);
                Socket example = new Socket(InetAddress.getLoopbackAddress(), port("example-tcp"))) {
            sea.login("PromUser", "PromPC");
            sea.send(Hex.bytes("00 00 0d 02 00 00 00 00 00 06 48 69 20 61 6c 6c"));
            sea.expect(String.format("04 %02x %02x 00 00 00 00 06 48 69 20 61 6c 6c 00", sea.id() >>> 8,
                    sea.id() & 0xFF));

            ws.login("prom-nick");
            ws.send(Command.SET_ROOM, "prom-room");
            assertThat(ws.next()).isEqualTo("RESP_OK 1002");
            ws.send(Command.NEW_MSG, "counted");

            example.setSoTimeout(5000);
            InputStream in = example.getInputStream();
            assertThat(in.readNBytes(3)).isEqualTo("HI\n".getBytes(StandardCharsets.US_ASCII));
            example.getOutputStream().write("DAD\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readNBytes(6)).isEqualTo("CLIMB\n".getBytes(StandardCharsets.US_ASCII));

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port("http") + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);

            ManagementClient scraper = new ManagementClient(environment, null, null);
            await().untilAsserted(() -> {
                String body = scraper.get("/actuator/prometheus").body();
                Map<String, Double> metrics = parse(body);
                assertThat(metrics).containsKeys(
                        "switchboard_listener_connections", "switchboard_listener_up",
                        "switchboard_listener_accepted_total", "switchboard_listener_received_bytes_total",
                        "switchboard_listener_sent_bytes_total",
                        "switchboard_sea_users", "switchboard_sea_logins_total", "switchboard_sea_messages_total",
                        "switchboard_sea_archiver_connected", "switchboard_sea_archiver_queued",
                        "switchboard_rooms_connections", "switchboard_rooms_rooms", "switchboard_rooms_members",
                        "switchboard_rooms_messages_in_total", "switchboard_rooms_history_lines",
                        "switchboard_example_commands_total", "switchboard_http_requests_total",
                        "switchboard_netty_allocator_used_bytes", "jvm_memory_used_bytes");
                assertThat(metrics.get("switchboard_sea_users")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("switchboard_sea_messages_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("switchboard_rooms_members")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("switchboard_rooms_messages_in_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("switchboard_example_commands_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(metrics.get("switchboard_http_requests_total")).isGreaterThanOrEqualTo(1.0);
                assertThat(body).doesNotContain("PromUser").doesNotContain("prom-nick")
                        .doesNotContain("prom-room").doesNotContain("127.0.8.1");
            });
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
