package dev.switchboard.rooms;

import dev.switchboard.core.connection.Connection;
import dev.switchboard.core.connection.CoreCloseReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.timeout.TimeoutSweeper;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.service.Rooms;
import dev.switchboard.rooms.support.SpecVectors;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.support.MutableClock;
import dev.switchboard.tools.codec.rooms.WebSocketFrames;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/** Rooms over real loopback sockets through the HTTP listeners, with a real WebSocket client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "switchboard.http.listeners.http.port=0",
        "switchboard.http.listeners.http-legacy.port=0"})
@Timeout(60)
class RoomsIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    private static EventLoopGroup group;

    @Autowired
    Environment environment;
    @Autowired
    MutableClock clock;
    @Autowired
    TimeoutSweeper sweeper;
    @Autowired
    Rooms rooms;
    @Autowired
    RoomsProperties properties;
    @Autowired
    dev.switchboard.core.listener.ListenerRegistry registry;

    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startClientLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClientLoop() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsTestClient::close);
    }

    private int port(String listener) {
        return environment.getRequiredProperty("local.switchboard." + listener + ".port", Integer.class);
    }

    private WsTestClient client(String path, boolean answerPings) throws InterruptedException {
        return client("http", path, answerPings);
    }

    private WsTestClient client(String listener, String path, boolean answerPings) throws InterruptedException {
        WsTestClient client = WsTestClient.connect(group, port(listener), path, answerPings);
        clients.add(client);
        return client;
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Test
    void handshake_whenRfcSampleKeyOnBothListenersAtRoot_then101WithAcceptToken() throws Exception {
        for (String listener : List.of("http", "http-legacy")) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(listener))) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String head = readHead(socket.getInputStream());
                assertThat(head).as(listener).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
                assertThat(head.toLowerCase()).contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=")
                        .doesNotContain("sec-websocket-extensions").doesNotContain("sec-websocket-protocol");
            }
        }
    }

    @Test
    void handshake_whenMagicAndNickSentWithTheUpgrade_thenV3FollowsThe101() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port("http-legacy"))) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            burst.writeBytes(SpecVectors.V11_FRAME);           // masked magic string, no waiting for the 101
            burst.writeBytes(masked(SpecVectors.V2));
            socket.getOutputStream().write(burst.toByteArray());
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(socket.getInputStream().readNBytes(SpecVectors.V3_FRAME.length))
                    .isEqualTo(SpecVectors.V3_FRAME);
        }
    }

    @Test
    void handshake_whenUpgradePipelinedBehindAGet_thenPageThen101ThenV3() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port("http"))) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            burst.writeBytes("GET /rooms.css HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            burst.writeBytes(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            burst.writeBytes(SpecVectors.V11_FRAME);
            burst.writeBytes(masked(SpecVectors.V2));
            socket.getOutputStream().write(burst.toByteArray());
            InputStream in = socket.getInputStream();
            String page = readHead(in);
            assertThat(page).startsWith("HTTP/1.1 200");
            in.readNBytes(contentLength(page));
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(in.readNBytes(SpecVectors.V3_FRAME.length)).isEqualTo(SpecVectors.V3_FRAME);
        }
    }

    /** A client frame (FIN, binary) masked with key {@code 37 fa 21 3d}, by the shared client framing. */
    private static byte[] masked(byte[] payload) {
        return WebSocketFrames.clientFrame(WebSocketFrames.FIN_BINARY, payload, new byte[] {0x37, (byte) 0xfa, 0x21, 0x3d});
    }

    @Test
    void handshake_whenKeyMissing_then400() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port("http"))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void plainGet_whenRoot_thenChatPageServed() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port("http") + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Switchboard rooms</title>");
    }

    @Test
    void conversation_whenTwoInOneRoomAndThirdElsewhere_thenJoinChatLeaveHistoryAsSpecified() throws Exception {
        WsTestClient a = client("/ws", true);
        assertThat(a.login("alice-it")).isEqualTo("RESP_OK 1001");
        a.send(Command.SET_ROOM, "wuwu-it");
        assertThat(a.next()).isEqualTo("RESP_OK 1002");
        String aliceJoin = a.next();
        assertThat(aliceJoin).startsWith("NEW_USER ").endsWith(" alice-it");
        String aliceId = aliceJoin.split(" ")[1];

        // Bob comes the way the original client does: ws://host:25021/ (the http-legacy listener).
        WsTestClient b = client("http-legacy", "/", true);
        assertThat(b.login("bob-it")).isEqualTo("RESP_OK 1001");
        b.send(Command.SET_ROOM, "wuwu-it");
        assertThat(b.next()).isEqualTo("RESP_OK 1002");
        String bobJoin = b.next();
        assertThat(bobJoin).startsWith("NEW_USER ").endsWith(" bob-it");
        String bobId = bobJoin.split(" ")[1];
        assertThat(b.next()).isEqualTo("NEW_USER " + aliceId + " alice-it");
        assertThat(a.next()).isEqualTo("NEW_USER " + bobId + " bob-it");

        WsTestClient c = client("/ws", true);
        assertThat(c.login("carol-it")).isEqualTo("RESP_OK 1001");
        c.send(Command.SET_ROOM, "other-it");
        assertThat(c.next()).isEqualTo("RESP_OK 1002");
        String carolJoin = c.next();
        String carolId = carolJoin.split(" ")[1];

        a.send(Command.NEW_MSG, "hi");
        assertThat(a.next()).isEqualTo("NEW_MSG " + aliceId + " hi");
        assertThat(b.next()).isEqualTo("NEW_MSG " + aliceId + " hi");

        b.sendClose(1001);
        assertThat(b.next()).isEqualTo("close 1001");
        await().atMost(Duration.ofSeconds(10)).until(() -> !b.isOpen());
        assertThat(a.next()).isEqualTo("DEL_USER " + bobId + " bob-it");

        WsTestClient d = client("/", true);
        d.login("dave-it");
        d.send(Command.SET_ROOM, "wuwu-it");
        assertThat(d.next()).isEqualTo("RESP_OK 1002");
        assertThat(d.next()).endsWith(" dave-it");
        assertThat(d.next()).isEqualTo("NEW_USER " + aliceId + " alice-it");
        assertThat(d.next()).isEqualTo("LOGGED_MSG alice-it: hi");

        // Carol, in another room, saw nothing of this: her own echo is the next thing she gets.
        c.send(Command.NEW_MSG, "anyone?");
        assertThat(c.next()).isEqualTo("NEW_MSG " + carolId + " anyone?");
        assertThat(rooms.members("wuwu-it").orElseThrow()).extracting(m -> m.nick())
                .containsExactly("alice-it", "dave-it");
    }

    @Test
    void ordering_whenJoinsRaceWithChatAcrossEventLoops_thenNoMessageBeforeItsSendersNewUser() throws Exception {
        int chatters = 3;
        int joiners = 3;
        int messages = 40;
        List<WsTestClient> all = new ArrayList<>();
        for (int i = 0; i < chatters + joiners; i++) {
            WsTestClient c = client("/ws", true);
            assertThat(c.login("order-" + i)).isEqualTo("RESP_OK 1001");
            all.add(c);
        }
        for (int i = 0; i < chatters; i++) {
            all.get(i).send(Command.SET_ROOM, "order-it");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(all.size());
        try {
            List<java.util.concurrent.Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                WsTestClient c = all.get(i);
                boolean joiner = i >= chatters;
                sending.add(pool.submit(() -> {
                    if (joiner) {
                        c.send(Command.SET_ROOM, "order-it");
                    }
                    for (int m = 0; m < messages; m++) {
                        c.send(Command.NEW_MSG, "m" + m);
                    }
                    return null;
                }));
            }
            for (var f : sending) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // Chat may be dropped for a client that falls behind during this burst (slow-consumer rule), so read
        // until the stream goes quiet instead of counting messages; roster packets are never dropped.
        for (WsTestClient c : all) {
            java.util.Set<String> announced = new java.util.HashSet<>();
            int relayed = 0;
            WsTestClient.Received frame;
            while ((frame = c.poll(Duration.ofSeconds(1))) != null) {
                if (!frame.type().equals("binary")) {
                    continue;
                }
                String[] parts = WsTestClient.render(frame.payload()).split(" ", 3);
                if (parts[0].equals("NEW_USER")) {
                    announced.add(parts[1]);
                } else if (parts[0].equals("NEW_MSG")) {
                    assertThat(announced).as("NEW_USER of %s before its message", parts[1]).contains(parts[1]);
                    relayed++;
                }
            }
            assertThat(announced).hasSize(all.size());
            assertThat(relayed).isPositive();
        }
    }

    @Test
    void goodbye_whenListenerSaysGoodbye_thenRoomsClientsGetClose1001AndPlainHttpEndsAfterItsResponse() throws Exception {
        WsTestClient stay = client("/ws", true);
        WsTestClient leaving = client("http-legacy", "/", true);
        stay.login("stay-it");
        leaving.login("leaving-it");
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port("http-legacy"))) {
            plain.setSoTimeout(10_000);
            byte[] get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            // One answered request first, so this keep-alive connection is certainly in the listener's group.
            plain.getOutputStream().write(get);
            String first = readHead(plain.getInputStream());
            assertThat(first).startsWith("HTTP/1.1 200");
            plain.getInputStream().readNBytes(contentLength(first));
            var listener = registry.find("http-legacy").orElseThrow();
            // What the core's drain does on graceful shutdown before it closes: every connection is closed with
            // the shutdown reason, through its protocol's goodbye.
            listener.connections().forEach(ch -> Connection.of(ch).close(CoreCloseReason.SHUTDOWN,
                    "the gateway is shutting down"));
            assertThat(leaving.next()).isEqualTo("close 1001");
            // The server closes TCP once the client has answered its close (RFC 6455 §7.1.1).
            leaving.sendClose(1001);
            await().atMost(Duration.ofSeconds(10)).until(() -> !leaving.isOpen());
            // HTTP has no goodbye message: its connection ends once what was written has gone out.
            assertThat(plain.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(stay.isOpen()).isTrue();
    }

    @Test
    void hostile_whenPacketBeforeMagicString_thenClosed1008() throws Exception {
        WsTestClient x = client("/ws", true);
        x.send(Command.SET_USER_NICK, "mallory");
        assertThat(x.next()).isEqualTo("close 1008");
        await().atMost(Duration.ofSeconds(10)).until(() -> !x.isOpen());
    }

    @Test
    void heartbeat_whenPeerStopsAnsweringPings_thenClosed1001AndRoomToldWhileLivePeerStays() throws Exception {
        WsTestClient dead = client("/ws", false);
        WsTestClient live = client("/ws", true);
        dead.login("dead-it");
        live.login("live-it");
        dead.send(Command.SET_ROOM, "beat-it");
        dead.next();
        dead.next();
        live.send(Command.SET_ROOM, "beat-it");
        live.next();
        live.next();
        live.next();
        dead.next();

        clock.advance(properties.heartbeatInterval());
        sweeper.sweep();
        assertThat(dead.next()).isEqualTo("ping");
        assertThat(live.next()).isEqualTo("ping");
        // A request after the automatic pong: its answer proves the server has read the pong.
        int probe = live.send(Command.SET_USER_NICK, "rename");
        assertThat(live.next()).isEqualTo("RESP_ERROR " + Integer.toHexString(probe));

        clock.advance(properties.heartbeatTimeout());
        sweeper.sweep();
        assertThat(dead.next()).isEqualTo("close 1001");
        await().atMost(Duration.ofSeconds(10)).until(() -> !dead.isOpen());
        assertThat(live.next()).startsWith("DEL_USER ").endsWith(" dead-it");
        assertThat(live.isOpen()).isTrue();
    }
}
