package dev.switchboard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.listener.ListenerDefinition;
import dev.switchboard.core.listener.ListenerProperties;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.SeaTestClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The console over a separate management port (Actuator's own child context): served there behind the
 * operator's HTTP Basic, absent from the application port and the data ports; the socket refuses
 * anonymous callers, foreign origins and consoles beyond the cap; snapshots arrive and commands run
 * through the Actuator operations with the same audit line plus {@code via=console}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "switchboard.admin.username=ops",
        "switchboard.admin.password=s3cret",
        "switchboard.console.max-consoles=2",
        "switchboard.console.snapshot-interval=200ms"})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(90)
class ConsoleIntegrationTest {

    @Autowired
    Environment environment;

    @TestConfiguration(proxyBeanMethods = false)
    static class SinkListener {
        @Bean
        ListenerDefinition consoleSinkListener() {
            return new ListenerDefinition("console-sink", "test", ListenerProperties.tcp(0), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
                }
            });
        }
    }

    private int port(String property) {
        return environment.getRequiredProperty(property, Integer.class);
    }

    private int managementPort() {
        return port("local.management.port");
    }

    private String managementOrigin() {
        return "http://127.0.0.1:" + managementPort();
    }

    private static HttpResponse<String> get(int port, String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ConsoleTestClient console() {
        return ConsoleTestClient.open(managementPort(), "ops", "s3cret", managementOrigin());
    }

    @Test
    void page_whenRequestedOnTheManagementPort_thenNeedsTheOperatorAndCarriesItsOwnAssetsOnly() throws Exception {
        assertThat(get(managementPort(), "/console/", false).statusCode()).isEqualTo(401);
        HttpResponse<String> page = get(managementPort(), "/console/", true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'"));
        assertThat(page.body()).contains("<script src=\"console.js\"").doesNotContain("http://").doesNotContain("https://");
        HttpResponse<String> script = get(managementPort(), "/console/console.js", true);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new WebSocket(");
        assertThat(get(managementPort(), "/console/console.css", true).statusCode()).isEqualTo(200);
        assertThat(get(managementPort(), "/console/../actuator", true).statusCode()).isNotEqualTo(200);
        assertThat(get(managementPort(), "/console/nope.js", true).statusCode()).isEqualTo(404);
    }

    @Test
    void page_whenRequestedOnTheApplicationOrDataPorts_thenNotThere() throws Exception {
        assertThat(port("local.server.port")).isNotEqualTo(managementPort());
        assertThat(get(port("local.server.port"), "/console/", true).statusCode()).isEqualTo(404);
        assertThat(get(port("local.switchboard.http.port"), "/console/", true).statusCode()).isEqualTo(404);
        assertThat(get(port("local.switchboard.http-legacy.port"), "/console/", true).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> ConsoleTestClient.open(port("local.server.port"), "ops", "s3cret",
                "http://127.0.0.1:" + port("local.server.port")))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(404));
    }

    @Test
    void handshake_whenAnonymousOrWrongPassword_thenUnauthorized() {
        assertThatThrownBy(() -> ConsoleTestClient.open(managementPort(), null, null, managementOrigin()))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
        assertThatThrownBy(() -> ConsoleTestClient.open(managementPort(), "ops", "wrong", managementOrigin()))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(401));
    }

    @Test
    void handshake_whenOriginIsAnotherSiteOrMissing_thenForbidden(CapturedOutput output) {
        assertThatThrownBy(() -> ConsoleTestClient.open(managementPort(), "ops", "s3cret", "http://evil.example"))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
        assertThatThrownBy(() -> ConsoleTestClient.open(managementPort(), "ops", "s3cret",
                "http://127.0.0.1:" + port("local.server.port")))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
        assertThatThrownBy(() -> ConsoleTestClient.open(managementPort(), "ops", "s3cret", null))
                .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(403));
        assertThat(output.getOut()).contains("origin http://evil.example is not the management server's");
    }

    @Test
    void socket_whenAuthenticatedFromTheConsolePage_thenSnapshotsArriveWithListenersAndProtocols() {
        try (ConsoleTestClient console = console()) {
            JsonNode snapshot = console.nextSnapshot(s -> true);
            assertThat(names(snapshot.path("listeners"), "name")).contains("console-sink", "sea", "http");
            assertThat(names(snapshot.path("protocols"), "protocol")).contains("sea", "http", "test");
            assertThat(snapshot.path("sessions").path("pageSize").asInt()).isEqualTo(50);
            assertThat(snapshot.path("consoles").path("open").asInt()).isEqualTo(1);
            // Snapshots keep coming on the interval without being asked for.
            String first = snapshot.path("at").asString();
            console.nextSnapshot(s -> !s.path("at").asString().equals(first));
        }
    }

    @Test
    void socket_whenCapReached_thenRefused() {
        try (ConsoleTestClient one = console(); ConsoleTestClient two = console()) {
            one.nextSnapshot(s -> true);
            two.nextSnapshot(s -> true);
            assertThatThrownBy(this::console)
                    .isInstanceOfSatisfying(ConsoleTestClient.Refused.class, r -> assertThat(r.status).isEqualTo(503));
        }
    }

    @Test
    void command_whenListenerStoppedAndStarted_thenAuditedLikeTheRestCallPlusConsoleMarker(CapturedOutput output) {
        try (ConsoleTestClient console = console()) {
            console.nextSnapshot(s -> true);
            console.send("{\"id\":1,\"command\":\"listener\",\"name\":\"console-sink\",\"action\":\"stop\"}");
            JsonNode stopped = console.result(1);
            assertThat(stopped.path("status").asInt()).isEqualTo(200);
            assertThat(stopped.path("body").path("state").asString()).isEqualTo("stopped");
            console.nextSnapshot(s -> "stopped".equals(listener(s, "console-sink").path("state").asString()));

            console.send("{\"id\":2,\"command\":\"listener\",\"name\":\"console-sink\",\"action\":\"start\"}");
            assertThat(console.result(2).path("status").asInt()).isEqualTo(200);
            JsonNode started = console.nextSnapshot(
                    s -> "running".equals(listener(s, "console-sink").path("state").asString()));

            assertThat(output.getOut())
                    .contains("actor=ops action=listener.stop target=console-sink result=ok via=console")
                    .contains("actor=ops action=listener.start target=console-sink result=ok via=console");
            assertThat(names(started.path("audit"), "action")).contains("listener.stop", "listener.start");
            assertThat(started.path("audit").get(0).path("via").asString()).isEqualTo("console");
        }
    }

    @Test
    void command_whenInvalid_thenClientErrorAndTheSocketStaysOpen(CapturedOutput output) {
        try (ConsoleTestClient console = console()) {
            console.nextSnapshot(s -> true);
            console.send("not json");
            assertThat(console.next(m -> "result".equals(m.path("type").asString())).path("status").asInt())
                    .isEqualTo(400);
            console.send("{\"id\":3,\"command\":\"explode\"}");
            assertThat(console.result(3).path("body").path("error").asString()).isEqualTo("unknown command: explode");
            console.send("{\"id\":4,\"command\":\"listener\",\"name\":\"console-sink\",\"action\":\"explode\"}");
            assertThat(console.result(4).path("status").asInt()).isEqualTo(400);
            console.send("{\"id\":5,\"command\":\"kill\"}");
            assertThat(console.result(5).path("body").path("error").asString()).isEqualTo("session is required");
            console.nextSnapshot(s -> true);
            assertThat(output.getOut()).contains(
                    "action=listener.explode target=console-sink result=\"rejected: action must be start or stop, not explode\" via=console");
        }
    }

    @Test
    void command_whenSeaSessionSearchedAndKilled_thenItIsGoneAndAudited(CapturedOutput output) throws Exception {
        try (ConsoleTestClient console = console();
                SeaTestClient alice = SeaTestClient.connect(port("local.switchboard.sea.port"))) {
            alice.login("consolealice", "pc1");
            console.send("{\"command\":\"query\",\"text\":\"CONSOLEALICE\"}");
            JsonNode found = console.nextSnapshot(s -> s.path("sessions").path("text").asString().equals("CONSOLEALICE")
                    && s.path("sessions").path("matched").asInt() == 1);
            JsonNode row = found.path("sessions").path("rows").get(0);
            assertThat(row.path("name").asString()).isEqualTo("consolealice");
            assertThat(row.path("protocol").asString()).isEqualTo("sea");

            String id = row.path("id").asString();
            console.send("{\"id\":7,\"command\":\"kill\",\"session\":\"" + id + "\"}");
            assertThat(console.result(7).path("status").asInt()).isEqualTo(200);
            alice.expectClosed();
            console.nextSnapshot(s -> s.path("sessions").path("matched").asInt() == 0);
            assertThat(output.getOut()).contains("actor=ops action=session.kill target=" + id + " result=ok via=console");
        }
    }

    @Test
    void command_whenSeaSessionBanned_thenKilledAndItsAddressBanned(CapturedOutput output) throws Exception {
        try (ConsoleTestClient console = console();
                SeaTestClient mallory = SeaTestClient.connect(port("local.switchboard.sea.port"), "127.0.0.9")) {
            mallory.login("consolemallory", "pc9");
            console.send("{\"command\":\"query\",\"protocol\":\"sea\",\"text\":\"consolemallory\"}");
            JsonNode found = console.nextSnapshot(s -> s.path("sessions").path("text").asString().equals("consolemallory")
                    && s.path("sessions").path("matched").asInt() == 1);
            String id = found.path("sessions").path("rows").get(0).path("id").asString();

            console.send("{\"id\":8,\"command\":\"kill\",\"session\":\"" + id + "\",\"ban\":true}");
            assertThat(console.result(8).path("status").asInt()).isEqualTo(200);
            mallory.expectClosed();
            console.nextSnapshot(s -> names(s.path("bans").path("items"), "address").contains("127.0.0.9"));
            assertThat(output.getOut()).contains("action=session.kill+ban target=" + id + " result=ok via=console");

            console.send("{\"id\":9,\"command\":\"unban\",\"address\":\"127.0.0.9\"}");
            assertThat(console.result(9).path("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void command_whenRoomsMemberKicked_thenOutOfTheRoomAndAuditedAsTheRoomsKick(CapturedOutput output)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (ConsoleTestClient console = console()) {
            WsTestClient member = WsTestClient.connect(group, port("local.switchboard.http.port"), "/ws", true);
            try {
                assertThat(member.login("consoledave")).startsWith("RESP_OK");
                member.send(Command.SET_ROOM, "console-room");
                assertThat(member.next()).startsWith("RESP_OK");
                console.send("{\"command\":\"query\",\"text\":\"consoledave\"}");
                JsonNode found = console.nextSnapshot(s -> s.path("sessions").path("text").asString().equals("consoledave")
                        && s.path("sessions").path("matched").asInt() == 1
                        && s.path("sessions").path("rows").get(0).path("state").asString().equals("in-room"));
                String id = found.path("sessions").path("rows").get(0).path("id").asString();

                console.send("{\"id\":21,\"command\":\"kick\",\"session\":\"" + id + "\"}");
                assertThat(console.result(21).path("status").asInt()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> "close 1008".equals(member.next()));
                console.nextSnapshot(s -> s.path("sessions").path("text").asString().equals("consoledave")
                        && s.path("sessions").path("matched").asInt() == 0);
                assertThat(output.getOut()).containsPattern(
                        "action=rooms\\.kick target=console-room/\\d+ result=ok via=console");

                console.send("{\"id\":22,\"command\":\"kick\",\"session\":\"" + id + "\"}");
                assertThat(console.result(22).path("status").asInt()).isEqualTo(404);
            } finally {
                member.close();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void command_whenBanAndBlacklistEdited_thenListsFollow() {
        try (ConsoleTestClient console = console()) {
            console.nextSnapshot(s -> true);
            console.send("{\"id\":11,\"command\":\"ban\",\"address\":\"10.77.0.0/16\",\"timeout\":\"2h\"}");
            assertThat(console.result(11).path("status").asInt()).isEqualTo(200);
            console.nextSnapshot(s -> names(s.path("bans").path("items"), "address").contains("10.77.0.0/16"));
            console.send("{\"id\":12,\"command\":\"unban\",\"address\":\"10.77.0.0/16\"}");
            assertThat(console.result(12).path("status").asInt()).isEqualTo(200);
            console.nextSnapshot(s -> !names(s.path("bans").path("items"), "address").contains("10.77.0.0/16"));
            console.send("{\"id\":13,\"command\":\"ban\",\"address\":\"not-an-address\"}");
            assertThat(console.result(13).path("status").asInt()).isEqualTo(400);

            console.send("{\"id\":14,\"command\":\"blacklist-add\",\"pattern\":\"*consolevillain*\"}");
            assertThat(console.result(14).path("status").asInt()).isEqualTo(200);
            console.nextSnapshot(s -> texts(s.path("blacklist").path("items")).contains("*consolevillain*"));
            console.send("{\"id\":15,\"command\":\"blacklist-remove\",\"pattern\":\"*consolevillain*\"}");
            assertThat(console.result(15).path("status").asInt()).isEqualTo(200);
            console.nextSnapshot(s -> !texts(s.path("blacklist").path("items")).contains("*consolevillain*"));
        }
    }

    @Test
    void socket_whenClosedByTheBrowser_thenItsSlotIsFreed() {
        ConsoleTestClient first = console();
        first.nextSnapshot(s -> true);
        first.close();
        try (ConsoleTestClient second = console(); ConsoleTestClient third = console()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> second.nextSnapshot(s -> true)
                    .path("consoles").path("open").asInt() == 2);
            third.nextSnapshot(s -> true);
        }
    }

    /**
     * A browser that has the operator's Basic credentials cached (from using the console) can be made to
     * send "simple" cross-site requests without a CORS preflight: POST with a form, text/plain or no body.
     * None of them may change anything; only the Origin-checked console socket and JSON REST calls can.
     */
    @Test
    void restWrite_whenSentAsACrossSiteSimpleRequest_thenNothingChanges() throws Exception {
        String credentials = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
        String url = "http://127.0.0.1:" + managementPort() + "/actuator/listeners/console-sink";
        HttpRequest[] simpleRequests = {
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials)
                        .header("Origin", "http://evil.example").header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"stop\"}")).build(),
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", credentials)
                        .header("Origin", "http://evil.example")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("action=stop")).build(),
                HttpRequest.newBuilder(URI.create(url + "?action=stop")).header("Authorization", credentials)
                        .header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.noBody()).build()};
        for (HttpRequest request : simpleRequests) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(request.headers().toString()).isGreaterThanOrEqualTo(400);
        }
        assertThat(get(managementPort(), "/actuator/listeners/console-sink", true).body()).contains("\"state\":\"running\"");
    }

    private static JsonNode listener(JsonNode snapshot, String name) {
        for (JsonNode listener : snapshot.path("listeners")) {
            if (name.equals(listener.path("name").asString())) {
                return listener;
            }
        }
        return snapshot.path("no such listener");
    }

    private static java.util.List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asString()).toList();
    }

    private static java.util.List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
