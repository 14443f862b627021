package dev.switchboard.rooms.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.cluster.Backplane;
import dev.switchboard.cluster.ClusterNode;
import dev.switchboard.rooms.message.Command;
import dev.switchboard.rooms.support.RawWebSocket;
import dev.switchboard.rooms.support.WsTestClient;
import dev.switchboard.sea.support.SeaTestClient;
import dev.switchboard.support.ManagementClient;
import dev.switchboard.support.RedisServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway nodes (two contexts, engine {@code redis}) on one real redis-server are one rooms service: members on
 * both share a room's roster in the spec's order, messages and join/leave notices cross both ways, a nick is unique
 * across both, a joiner on either node gets the history of both, a kick given to one node closes a member of the
 * other, and each member is listed with its node. A node cut off from Redis without a goodbye has its members
 * removed by the survivor ({@code _DEL_USER}) once its heartbeat lapses, and closes its own members with 1012. With
 * Redis stopped the survivor refuses new members (503) and is not ready; when Redis returns it serves again.
 */
@Timeout(240)
class RoomsClusterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RedisServer redis;
    private static EventLoopGroup group;
    private final List<WsTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.startEphemeral();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsTestClient::close);
    }

    private static ConfigurableApplicationContext gateway(String nodeId, String redisUrl) {
        return gateway(nodeId, redisUrl, "switchboard");
    }

    private static ConfigurableApplicationContext gateway(String nodeId, String redisUrl, String keyPrefix,
            String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--switchboard.admin.password=pw", "--switchboard.cluster.engine=redis",
                "--switchboard.cluster.redis.key-prefix=" + keyPrefix,
                "--switchboard.cluster.redis.url=" + redisUrl, "--switchboard.cluster.node-id=" + nodeId,
                "--switchboard.cluster.heartbeat-interval=200ms", "--switchboard.cluster.node-timeout=2s",
                "--switchboard.cluster.redis.command-timeout=1s", "--switchboard.cluster.redis.connect-timeout=1s"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.switchboard.http.port", Integer.class);
    }

    private WsTestClient client(ConfigurableApplicationContext node) throws InterruptedException {
        WsTestClient client = WsTestClient.connect(group, port(node), "/ws", true);
        clients.add(client);
        return client;
    }

    /** Logs in as {@code nick} on {@code node} and joins {@code room}; returns the client after the join's OK. */
    private WsTestClient member(ConfigurableApplicationContext node, String nick, String room)
            throws InterruptedException {
        WsTestClient client = client(node);
        assertThat(client.login(nick)).isEqualTo("RESP_OK 1001");
        int uid = client.send(Command.SET_ROOM, room);
        assertThat(client.next()).isEqualTo("RESP_OK " + Integer.toHexString(uid));
        return client;
    }

    private static List<String> nodes(ConfigurableApplicationContext node) {
        return node.getBean(Backplane.class).nodes().stream().map(ClusterNode::id).toList();
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** The next {@code count} frames of {@code client}, rendered. */
    private static List<String> next(WsTestClient client, int count) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(client.next());
        }
        return frames;
    }

    /** The next frame, rendered, waiting as long as a node timeout on a loaded machine may take. */
    private static String nextSlow(WsTestClient client) throws InterruptedException {
        WsTestClient.Received frame = client.poll(WAIT);
        assertThat(frame).as("a frame within " + WAIT).isNotNull();
        return switch (frame.type()) {
            case "binary" -> WsTestClient.render(frame.payload());
            case "close" -> "close " + frame.closeStatus();
            default -> frame.type();
        };
    }

    private static int id(String newUser) {
        return Integer.parseInt(newUser.split(" ")[1], 16);
    }

    @Test
    void twoNodes_whenMembersOnBoth_thenOneRoomUntilANodeIsCutOffAndRedisGoesAway() throws Exception {
        try (RedisLink linkB = new RedisLink(redis.port());
             ConfigurableApplicationContext a = gateway("node-a", redis.url());
             ConfigurableApplicationContext b = gateway("node-b", linkB.url())) {
            await().atMost(WAIT).until(() -> nodes(a).equals(List.of("node-a", "node-b"))
                    && nodes(b).equals(List.of("node-a", "node-b")));
            ManagementClient apiA = new ManagementClient(a.getEnvironment(), "admin", "pw");
            ManagementClient apiB = new ManagementClient(b.getEnvironment(), "admin", "pw");
            assertThat(json(apiA.get("/actuator/health/readiness").body()).at("/components/rooms/status").asText())
                    .isEqualTo("UP");

            // bob first on node-b: its OK proves node-b reads the channel before anyone else changes it
            WsTestClient bob = member(b, "bob", "lobby");
            String bobUser = bob.next();
            assertThat(bobUser).matches("NEW_USER [0-9a-f]+ bob");

            WsTestClient alice = member(a, "alice", "lobby");
            String aliceUser = alice.next();
            // the roster on node-a: the joiner first, then bob of node-b
            assertThat(aliceUser).matches("NEW_USER [0-9a-f]+ alice");
            assertThat(alice.next()).isEqualTo(bobUser);
            assertThat(bob.next()).isEqualTo(aliceUser);
            assertThat(id(aliceUser)).isNotEqualTo(id(bobUser));

            // messages both ways, each sender gets its own copy
            alice.send(Command.NEW_MSG, "hi from a");
            bob.send(Command.NEW_MSG, "hi from b");
            String fromA = "NEW_MSG " + Integer.toHexString(id(aliceUser)) + " hi from a";
            String fromB = "NEW_MSG " + Integer.toHexString(id(bobUser)) + " hi from b";
            List<String> seenByAlice = next(alice, 2);
            assertThat(next(bob, 2)).isEqualTo(seenByAlice).containsExactlyInAnyOrder(fromA, fromB);

            // a nick is unique across the nodes
            WsTestClient impostor = client(a);
            assertThat(impostor.login("bob")).isEqualTo("RESP_ERROR 1001");

            // a client that sends magic, nick, join and a message without waiting is served in order
            WsTestClient frank = client(a);
            frank.send(Command.NOP, "magic string :)");
            int nickUid = frank.send(Command.SET_USER_NICK, "frank");
            int joinUid = frank.send(Command.SET_ROOM, "attic");
            frank.send(Command.NEW_MSG, "first!");
            List<String> frankSaw = next(frank, 4);
            assertThat(frankSaw.subList(0, 2)).containsExactly("RESP_OK " + Integer.toHexString(nickUid),
                    "RESP_OK " + Integer.toHexString(joinUid));
            assertThat(frankSaw.get(2)).matches("NEW_USER [0-9a-f]+ frank");
            assertThat(frankSaw.get(3)).isEqualTo("NEW_MSG " + Integer.toHexString(id(frankSaw.get(2))) + " first!");

            // a joiner on node-b gets the roster in spec order and the history of both nodes
            WsTestClient carol = member(b, "carol", "lobby");
            String carolUser = carol.next();
            List<String> history = seenByAlice.stream().map(line -> line.equals(fromA)
                    ? "LOGGED_MSG alice: hi from a" : "LOGGED_MSG bob: hi from b").toList();
            assertThat(next(carol, 4)).containsExactly(aliceUser, bobUser, history.get(0), history.get(1));
            assertThat(alice.next()).isEqualTo(carolUser);
            assertThat(bob.next()).isEqualTo(carolUser);

            // a leave on node-a is announced on node-b
            WsTestClient dave = member(a, "dave", "lobby");
            String daveUser = dave.next();
            assertThat(bob.next()).isEqualTo(daveUser);
            assertThat(carol.next()).isEqualTo(daveUser);
            assertThat(alice.next()).isEqualTo(daveUser);
            dave.close();
            String daveLeft = daveUser.replace("NEW_USER", "DEL_USER");
            assertThat(bob.next()).isEqualTo(daveLeft);
            assertThat(carol.next()).isEqualTo(daveLeft);
            assertThat(alice.next()).isEqualTo(daveLeft);

            // operators see each member's node on any node; a kick given to node-a closes carol on node-b
            JsonNode room = json(apiA.get("/actuator/rooms/lobby").body());
            assertThat(room.get("members").findValuesAsString("nick")).containsExactly("bob", "alice", "carol");
            assertThat(room.get("members").findValuesAsString("node")).containsExactly("node-b", "node-a", "node-b");
            assertThat(json(apiB.get("/actuator/rooms/lobby").body()).get("members"))
                    .isEqualTo(room.get("members"));
            assertThat(apiA.delete("/actuator/rooms/lobby/" + id(carolUser)).statusCode()).isEqualTo(200);
            assertThat(carol.next()).isEqualTo("close 1008");
            String carolLeft = carolUser.replace("NEW_USER", "DEL_USER");
            assertThat(alice.next()).isEqualTo(carolLeft);
            assertThat(bob.next()).isEqualTo(carolLeft);

            // node-b is cut off from Redis without a goodbye: node-a removes its members once its heartbeat lapses,
            // node-b closes them with 1012 and is not ready
            linkB.cut();
            assertThat(nextSlow(alice)).isEqualTo(bobUser.replace("NEW_USER", "DEL_USER"));
            assertThat(nodes(a)).containsExactly("node-a");
            assertThat(nextSlow(bob)).isEqualTo("close 1012");
            await().atMost(WAIT).until(() -> apiB.get("/actuator/health/readiness").statusCode() == 503);
            assertThat(json(apiB.get("/actuator/health/readiness").body()).at("/components/rooms/status").asText())
                    .isEqualTo("DOWN");
            assertThat(json(apiA.get("/actuator/rooms/lobby").body()).get("members").findValuesAsString("nick"))
                    .containsExactly("alice");

            // Redis stops: node-a is not ready and refuses new members with 503, then serves again when it returns
            redis.stop();
            await().atMost(WAIT).until(() -> apiA.get("/actuator/health/readiness").statusCode() == 503);
            assertThat(json(apiA.get("/actuator/health/readiness").body()).at("/components/rooms/status").asText())
                    .isEqualTo("DOWN");
            try (RawWebSocket refused = new RawWebSocket(port(a))) {
                assertThat(refused.request(RawWebSocket.upgradeRequest("/ws"))).startsWith("HTTP/1.1 503");
            }
            // away longer than node-timeout: node-a's own members are closed so they reconnect elsewhere
            assertThat(nextSlow(alice)).isEqualTo("close 1012");
            redis.start();
            await().atMost(WAIT).until(() -> apiA.get("/actuator/health/readiness").statusCode() == 200);
            // alice's leave, which could not be submitted during the outage, is made good once Redis is back
            await().atMost(WAIT).until(() -> apiA.get("/actuator/rooms/lobby").statusCode() == 404);
            WsTestClient erin = member(a, "erin", "lobby");
            assertThat(erin.next()).matches("NEW_USER [0-9a-f]+ erin");
            erin.send(Command.NEW_MSG, "anyone?");
            assertThat(erin.next()).matches("NEW_MSG [0-9a-f]+ anyone\\?");
        }
    }

    @Test
    void history_whenEveryNodeRestarts_thenAMemberWhoComesBackGetsIt() throws Exception {
        try (ConfigurableApplicationContext first = gateway("node-p", redis.url(), "restart")) {
            WsTestClient hank = member(first, "hank", "hall");
            String hankUser = hank.next();
            hank.send(Command.NEW_MSG, "before the restart");
            assertThat(hank.next()).isEqualTo("NEW_MSG " + hankUser.split(" ")[1] + " before the restart");
        }
        // the only node is gone; a node started afterwards restores the rooms from Redis
        try (ConfigurableApplicationContext second = gateway("node-q", redis.url(), "restart")) {
            ManagementClient api = new ManagementClient(second.getEnvironment(), "admin", "pw");
            await().atMost(WAIT).until(() -> api.get("/actuator/health/readiness").statusCode() == 200);
            WsTestClient ivy = member(second, "ivy", "hall");
            assertThat(ivy.next()).matches("NEW_USER [0-9a-f]+ ivy");
            assertThat(ivy.next()).isEqualTo("LOGGED_MSG hank: before the restart");
            // hank's nick was freed with his node: he can come back under it
            WsTestClient hankAgain = member(second, "hank", "hall");
            assertThat(hankAgain.next()).matches("NEW_USER [0-9a-f]+ hank");
        }
    }

    /** Reads NEW_USER frames until {@code nick}'s; returns its member id. */
    private static int awaitNewUser(WsTestClient client, String nick) throws InterruptedException {
        while (true) {
            String frame = nextSlow(client);
            if (frame.startsWith("NEW_USER ") && frame.endsWith(" " + nick)) {
                return id(frame);
            }
        }
    }

    /** A SEA group MESSAGE as a version-102 client receives it: 04, sender, four zero bytes, length, text, 00. */
    private static byte[] seaGroupMessage(int senderId, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[8 + ascii.length + 1];
        frame[0] = 4;
        frame[1] = (byte) (senderId >> 8);
        frame[2] = (byte) senderId;
        frame[7] = (byte) ascii.length;
        System.arraycopy(ascii, 0, frame, 8, ascii.length);
        return frame;
    }

    @Test
    void bridge_whenOnAtBothNodes_thenASeaUserOfOneAndABrowserMemberOfTheOtherShareTheRoomOnce() throws Exception {
        String[] bridge = {"--switchboard.bridge.enabled=true", "--switchboard.bridge.room=lobby"};
        try (ConfigurableApplicationContext a = gateway("node-a", redis.url(), "bridged", bridge);
             ConfigurableApplicationContext b = gateway("node-b", redis.url(), "bridged", bridge);
             SeaTestClient alice = SeaTestClient.connect(
                     a.getEnvironment().getRequiredProperty("local.switchboard.sea.port", Integer.class),
                     "127.0.6.1")) {
            await().atMost(WAIT).until(() -> nodes(a).size() == 2 && nodes(b).size() == 2);
            alice.login("alice", "PC");
            alice.setVersion(102);

            // node-b's member sees node-a's SEA user in the room, marked as coming from SEA, exactly once
            WsTestClient bob = member(b, "bob", "lobby");
            assertThat(bob.next()).matches("NEW_USER [0-9a-f]+ bob");
            int aliceMember = awaitNewUser(bob, "alice");
            // node-a's SEA user sees node-b's browser member, mirrored into SEA by node-b
            byte[] addUser = alice.read(3);
            assertThat(addUser[0]).as("ADDUSER").isEqualTo((byte) 2);
            int bobSeaId = ((addUser[1] & 0xFF) << 8) | (addUser[2] & 0xFF);
            assertThat(new String(alice.read(1 + 3 + 1 + 3), StandardCharsets.ISO_8859_1)).isEqualTo("\u0003bob\u0003web");

            // SEA on node-a -> room member on node-b, relayed once (node-b's bridge does not relay it again)
            byte[] text = "hi bob".getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[6 + text.length];
            body[5] = (byte) text.length;
            System.arraycopy(text, 0, body, 6, text.length);
            alice.sendFrame(2, body);
            alice.expect(seaGroupMessage(alice.id(), "hi bob"));
            assertThat(nextSlow(bob)).isEqualTo("NEW_MSG " + Integer.toHexString(aliceMember) + " hi bob");

            // room member on node-b -> SEA user on node-a
            bob.send(Command.NEW_MSG, "hi alice");
            assertThat(nextSlow(bob)).matches("NEW_MSG [0-9a-f]+ hi alice");
            alice.expect(seaGroupMessage(bobSeaId, "hi alice"));
            assertThat(bob.poll(Duration.ofMillis(300))).as("nothing relayed twice").isNull();
        }
    }
}
