package dev.switchboard.sea.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.bridge.service.BridgeService;
import dev.switchboard.support.ManagementClient;
import dev.switchboard.support.RedisServer;
import dev.switchboard.tools.codec.Octets;
import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway nodes on the {@code redis} engine against one real redis-server are ONE SEA server: clients on both
 * see one roster (exact USERLISTs, ADDUSER/DELETEUSER/AWAY/RENAME from the other node) in one order, exchange
 * group, private and printers messages and chat, get IDs unique across nodes; an operator on one node kills a
 * session on the other. Then the failures: node B loses Redis without saying goodbye (its Redis connection runs
 * through a proxy the test cuts, which is what a node killed with {@code -9} looks like to the survivors), and node
 * A's clients get DELETEUSER for B's sessions; B closes its own clients and refuses new ones. Finally Redis stops:
 * A refuses logins and is not ready; Redis back: A is ready and serves logins again.
 */
@Timeout(300)
class SeaClusterIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int VERSION = 101;
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.startEphemeral();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static ConfigurableApplicationContext gateway(String nodeId, String redisUrl) {
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(
                "--switchboard.admin.password=pw", "--switchboard.cluster.engine=redis",
                "--switchboard.cluster.redis.url=" + redisUrl, "--switchboard.cluster.node-id=" + nodeId,
                "--switchboard.cluster.heartbeat-interval=250ms", "--switchboard.cluster.node-timeout=4s",
                "--switchboard.cluster.redis.command-timeout=1s",
                // each node mirrors only its own SEA users into the bridged room
                "--switchboard.bridge.enabled=true", "--switchboard.bridge.room=lobby",
                // several commands per round trip: no throttling
                "--switchboard.sea.connection-classes[0]=127.0.0.0/8:30:20:100000");
    }

    private static int seaPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.switchboard.sea.port", Integer.class);
    }

    private static ManagementClient admin(ConfigurableApplicationContext context) {
        return new ManagementClient(context.getEnvironment(), "admin", "pw");
    }

    @Test
    void twoNodes_whenSharingRedis_thenOneSeaServerThatSurvivesANodeAndRedisFailing() throws Exception {
        List<Client> clients = new ArrayList<>();
        try (CuttableProxy proxyForB = new CuttableProxy(redis.port());
             ConfigurableApplicationContext a = gateway("node-a", redis.url())) {
            ManagementClient apiA = admin(a);
            await().atMost(WAIT).until(() -> apiA.get("/actuator/health/readiness").statusCode() == 200);
            // -------------------------------------------------------- one roster, exact USERLISTs
            Client alice = Client.login(seaPort(a), "127.0.5.1", "Alice", clients);
            assertThat(alice.userList).containsExactly(alice.id);
            // node B joins later: from the snapshot node A stored plus the events after it
            try (ConfigurableApplicationContext b = gateway("node-b", "redis://127.0.0.1:" + proxyForB.port())) {
                ManagementClient apiB = admin(b);
                await().atMost(WAIT).until(() -> apiB.get("/actuator/health/readiness").statusCode() == 200);
                await().atMost(WAIT).until(() -> JSON.readTree(apiA.get("/actuator/cluster").body()).get("nodes")
                        .findValuesAsString("id").equals(List.of("node-a", "node-b")));
                Client bob = Client.login(seaPort(b), "127.0.5.2", "Bob", clients);
                assertThat(bob.userList).containsExactly(bob.id, alice.id);
                alice.await(SeaServerMessage.AddUser.class, m -> m.user().id() == bob.id);
                Client carol = Client.login(seaPort(a), "127.0.5.3", "Carol", clients);
                assertThat(carol.userList).containsExactly(carol.id, bob.id, alice.id);
                Client dave = Client.login(seaPort(b), "127.0.5.4", "Dave", clients);
                assertThat(dave.userList).containsExactly(dave.id, carol.id, bob.id, alice.id);
                for (Client c : List.of(alice, bob, carol)) {
                    c.await(SeaServerMessage.AddUser.class, m -> m.user().id() == dave.id);
                }
                assertThat(new HashSet<>(List.of(alice.id, bob.id, carol.id, dave.id))).hasSize(4);
                JsonNode sessions = JSON.readTree(apiA.get("/actuator/sea/sessions").body());
                assertThat(sessions.findValuesAsString("node")).containsExactly("node-b", "node-a", "node-b", "node-a");
                // mirroring into the room goes through the rooms channel too: it completes a round trip later
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(mirrored(a)).containsExactlyInAnyOrder(alice.id, carol.id));
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(mirrored(b)).containsExactlyInAnyOrder(bob.id, dave.id));

                // -------------------------------------------------------- messages across nodes
                bob.send(SeaClientFrames.sendMessage(SeaClientFrames.GROUP, latin1("hello from B")));
                for (Client c : List.of(alice, bob, carol, dave)) {
                    c.await(SeaServerMessage.Message.class, m -> m.senderId() == bob.id && !m.isPrivate()
                            && text(m.payload()).equals("hello from B"));
                }
                dave.send(SeaClientFrames.sendMessage(alice.id, latin1("psst")));
                alice.await(SeaServerMessage.Message.class, m -> m.senderId() == dave.id && m.isPrivate()
                        && text(m.payload()).equals("psst"));
                carol.send(SeaClientFrames.frame(15));
                carol.send(SeaClientFrames.frame(11));
                // node B applied Carol's join before her AWAY, and Bob's message comes after both
                bob.await(SeaServerMessage.Away.class, m -> m.id() == carol.id);
                bob.send(SeaClientFrames.sendMessage(SeaClientFrames.PRINTERS, latin1("to the printers")));
                carol.await(SeaServerMessage.Message.class, m -> m.senderId() == bob.id && m.printers()
                        && text(m.payload()).equals("to the printers"));
                dave.send(SeaClientFrames.frame(14, SeaClientFrames.str8(latin1("David"))));
                for (Client c : List.of(alice, bob, carol, dave)) {
                    c.await(SeaServerMessage.Rename.class, m -> m.id() == dave.id);
                }
                alice.send(SeaClientFrames.frame(7, SeaClientFrames.u16(bob.id), SeaClientFrames.str8(latin1("knock"))));
                bob.await(SeaServerMessage.Chat.class, m -> m.senderId() == alice.id
                        && text(m.text()).equals("knock"));
                carol.send(SeaClientFrames.frame(12));
                for (Client c : List.of(alice, bob, carol, dave)) {
                    c.await(SeaServerMessage.Unaway.class, m -> m.id() == carol.id);
                    assertThat(c.rosterEvents).containsSubsequence("AWAY " + carol.id, "UNAWAY " + carol.id);
                }

                // -------------------------------------------------------- an operator on A kills a session on B
                assertThat(apiA.post("/actuator/sea/kill", "{\"selector\":\"" + bob.id + "\"}").statusCode())
                        .isEqualTo(200);
                bob.awaitClosed();
                for (Client c : List.of(alice, carol, dave)) {
                    c.await(SeaServerMessage.DeleteUser.class, m -> m.id() == bob.id);
                }
                // every client saw the roster events both saw in the same order (§4.5)
                for (Client x : clients) {
                    for (Client y : clients) {
                        assertThat(x.commonWith(y)).as(x + " vs " + y).isEqualTo(y.commonWith(x));
                    }
                }
                assertThat(alice.rosterEvents).containsSubsequence("ADD " + bob.id, "ADD " + carol.id,
                        "ADD " + dave.id, "AWAY " + carol.id, "RENAME " + dave.id, "UNAWAY " + carol.id,
                        "DEL " + bob.id);

                // -------------------------------------------------------- a ban on B sweeps a session on A
                assertThat(apiB.post("/actuator/bans", "{\"address\":\"127.0.5.3\",\"timeout\":\"1h\"}")
                        .statusCode()).isEqualTo(200);
                carol.awaitClosed();
                for (Client c : List.of(alice, dave)) {
                    c.await(SeaServerMessage.DeleteUser.class, m -> m.id() == carol.id);
                }
                // and reaches node A's operator state: a new connection from that address is refused there
                await().atMost(WAIT).until(() -> apiA.get("/actuator/bans").body().contains("127.0.5.3"));
                Client.refused(seaPort(a), "127.0.5.3");

                // -------------------------------------------------------- node B vanishes without a goodbye
                proxyForB.cut();
                alice.await(SeaServerMessage.DeleteUser.class, m -> m.id() == dave.id);
                // B could not reach Redis for longer than the node timeout: it closed its clients
                dave.awaitClosed();
                await().atMost(WAIT).until(() -> apiB.get("/actuator/health/readiness").statusCode() == 503);
                assertThat(JSON.readTree(apiB.get("/actuator/health/readiness").body())
                        .at("/components/sea/details/rosterSynced").asBoolean()).isFalse();
                Client.refused(seaPort(b), "127.0.5.5");
                assertThat(apiB.get("/actuator/prometheus").body())
                        .containsPattern("switchboard_connections_closed_total\\{[^}]*reason=\"cluster_unavailable\"")
                        .containsPattern("switchboard_connections_closed_total\\{[^}]*reason=\"cluster_lost\"");

                // -------------------------------------------------------- Redis stops, then returns
                redis.stop();
                await().atMost(WAIT).until(() -> apiA.get("/actuator/health/readiness").statusCode() == 503);
                assertThat(JSON.readTree(apiA.get("/actuator/health/readiness").body())
                        .at("/components/sea/status").asText()).isEqualTo("DOWN");
                Client.refused(seaPort(a), "127.0.5.6");
                redis.start();
                await().atMost(WAIT).until(() -> apiA.get("/actuator/health/readiness").statusCode() == 200);
                Client erin = Client.login(seaPort(a), "127.0.5.7", "Erin", clients);
                assertThat(erin.userList.get(0)).isEqualTo(erin.id);
            }
        } finally {
            for (Client c : clients) {
                c.close();
            }
        }
    }

    /** The SEA IDs a node's bridge shows in its room. */
    private static List<Integer> mirrored(ConfigurableApplicationContext node) throws Exception {
        return node.getBean(BridgeService.class).snapshot().get(30, TimeUnit.SECONDS).seaUsersInRoom().stream()
                .map(BridgeService.Identity::seaId).toList();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(Octets octets) {
        return new String(octets.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /** A blocking SEA client that records the roster events it receives, in order. */
    private static final class Client implements AutoCloseable {
        private static final int READ_TIMEOUT_MS = 30_000;

        private final Socket socket;
        private final SeaServerReader in;
        private final OutputStream out;
        private final String name;
        private final List<String> rosterEvents = new ArrayList<>();
        private final List<SeaServerMessage> unread = new ArrayList<>();
        private List<Integer> userList = List.of();
        private int id;

        private Client(Socket socket, String name) throws IOException {
            this.socket = socket;
            this.name = name;
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            this.in = new SeaServerReader(socket.getInputStream(), 0);
            this.out = socket.getOutputStream();
        }

        private static Socket connect(int port, String source) throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MS);
            return socket;
        }

        /** Logs in, announces version {@value #VERSION} and waits until its node has applied it. */
        static Client login(int port, String source, String name, List<Client> clients) throws IOException {
            Client client = new Client(connect(port, source), name);
            clients.add(client);
            client.send(SeaClientFrames.login(latin1(name), latin1("PC")));
            SeaServerMessage first = client.in.next();
            assertThat(first).as(name + "'s USERLIST").isInstanceOf(SeaServerMessage.UserList.class);
            SeaServerMessage.UserList list = (SeaServerMessage.UserList) first;
            client.id = list.selfId();
            client.userList = list.users().stream().map(SeaServerMessage.User::id).toList();
            client.send(SeaClientFrames.setUserInfo(1, latin1("312-a"), new byte[0], VERSION));
            // the reply to a USERINFO request is read from this node's roster: version 101 there means applied
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                client.send(SeaClientFrames.frame(5, SeaClientFrames.u16(client.id)));
                assertThat(client.await(SeaServerMessage.UserInfo.class, m -> true).version()).isEqualTo(VERSION);
            });
            client.in.version(VERSION);
            return client;
        }

        /** A new connection is closed before anything is sent. */
        static void refused(int port, String source) throws IOException {
            try (Client client = new Client(connect(port, source), "refused")) {
                try {
                    client.send(SeaClientFrames.login(latin1("Nobody"), latin1("PC")));
                } catch (SocketException closedAlready) {
                    return;
                }
                client.awaitClosed();
                assertThat(client.unread).isEmpty();
            }
        }

        void send(byte[] frame) throws IOException {
            out.write(frame);
            out.flush();
        }

        /** Reads until a message of {@code type} that matches arrives (others are kept as read). */
        <T extends SeaServerMessage> T await(Class<T> type, Predicate<T> match) throws IOException {
            for (SeaServerMessage m : unread) {
                if (type.isInstance(m) && match.test(type.cast(m))) {
                    unread.remove(m);
                    return type.cast(m);
                }
            }
            while (true) {
                SeaServerMessage m = in.next();
                assertThat(m).as(name + " waiting for " + type.getSimpleName() + ": connection closed").isNotNull();
                record(m);
                if (type.isInstance(m) && match.test(type.cast(m))) {
                    return type.cast(m);
                }
                unread.add(m);
            }
        }

        void awaitClosed() throws IOException {
            try {
                SeaServerMessage m;
                while ((m = in.next()) != null) {
                    record(m);
                    unread.add(m);
                }
            } catch (SocketException reset) {
                // a close with unread input reaches the client as a reset
            }
        }

        private void record(SeaServerMessage m) {
            if (m instanceof SeaServerMessage.AddUser add) {
                rosterEvents.add("ADD " + add.user().id());
            } else if (m instanceof SeaServerMessage.DeleteUser del) {
                rosterEvents.add("DEL " + del.id());
            } else if (m instanceof SeaServerMessage.Away away) {
                rosterEvents.add("AWAY " + away.id());
            } else if (m instanceof SeaServerMessage.Unaway unaway) {
                rosterEvents.add("UNAWAY " + unaway.id());
            } else if (m instanceof SeaServerMessage.Rename rename) {
                rosterEvents.add("RENAME " + rename.id());
            }
        }

        /** The roster events this client saw that {@code other} saw too, in this client's order. */
        List<String> commonWith(Client other) {
            Set<String> theirs = new HashSet<>(other.rosterEvents);
            return rosterEvents.stream().filter(theirs::contains).toList();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        @Override
        public String toString() {
            return name + "#" + id;
        }
    }

    /**
     * A TCP proxy in front of Redis for one node; {@link #cut()} drops every connection and refuses new ones, so
     * that node's heartbeats stop without a goodbye, as if it had been killed.
     */
    private static final class CuttableProxy implements AutoCloseable {
        private final int target;
        private final ServerSocket server;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean cut;

        CuttableProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "redis-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!cut) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client.getInputStream(), upstream.getOutputStream());
                    pump(upstream.getInputStream(), client.getOutputStream());
                } catch (IOException e) {
                    if (cut) {
                        return;
                    }
                }
            }
        }

        private static void pump(InputStream from, OutputStream to) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try {
                    int n;
                    while ((n = from.read(buffer)) >= 0) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException closed) {
                    // the proxy was cut or a side closed
                } finally {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }, "redis-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        void cut() {
            cut = true;
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        @Override
        public void close() {
            cut();
        }
    }
}
