package dev.switchboard.sea.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.SwitchboardApplication;
import dev.switchboard.support.RedisServer;
import dev.switchboard.tools.codec.sea.SeaClientFrames;
import dev.switchboard.tools.codec.sea.SeaServerMessage;
import dev.switchboard.tools.codec.sea.SeaServerReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway node in its own JVM is killed with SIGKILL (no goodbye, no shutdown hook): the survivor, on the same
 * Redis, removes the dead node's SEA session within the node timeout and tells its own clients with DELETEUSER.
 */
@Timeout(180)
class SeaNodeKilledIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
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

    private static String[] clusterArgs(String nodeId) {
        return new String[] {"--switchboard.cluster.engine=redis", "--switchboard.cluster.redis.url=" + redis.url(),
            "--switchboard.cluster.node-id=" + nodeId, "--switchboard.cluster.heartbeat-interval=250ms",
            "--switchboard.cluster.node-timeout=3s"};
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Node B as a child JVM on this test's class path, every listener on a port of its own. */
    private static Process startNodeB(Path dir, int seaPort, int managementPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SwitchboardApplication.class.getName(),
                "--server.port=" + managementPort, "--switchboard.sea.listener.port=" + seaPort,
                "--switchboard.http.listeners.http.port=" + freePort(),
                "--switchboard.http.listeners.http-legacy.port=" + freePort(),
                "--switchboard.example.listeners.tcp.port=" + freePort(),
                "--switchboard.example.listeners.udp.port=" + freePort(),
                "--switchboard.cluster.data-dir=" + dir.resolve("data"), "--logging.level.root=WARN"));
        command.addAll(List.of(clusterArgs("node-b")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("node-b.log").toFile()).start();
    }

    private static boolean ready(int managementPort) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void nodeKilled_whenItsProcessGetsSigkill_thenTheSurvivorsClientsGetDeleteUserWithinTheNodeTimeout(
            @TempDir Path dir) throws Exception {
        int seaPortB = freePort();
        int managementPortB = freePort();
        String[] args = clusterArgs("node-a");
        Process b = startNodeB(dir, seaPortB, managementPortB);
        try (ConfigurableApplicationContext a = new SpringApplicationBuilder(SwitchboardApplication.class).run(args)) {
            await().atMost(WAIT).until(() -> ready(managementPortB) || !b.isAlive());
            assertThat(b.isAlive()).as("node B started; its log: %s", dir.resolve("node-b.log")).isTrue();
            int seaPortA = a.getEnvironment().getRequiredProperty("local.switchboard.sea.port", Integer.class);
            try (Socket alice = login(seaPortA, "Alice")) {
                SeaServerReader aliceIn = new SeaServerReader(alice.getInputStream(), 0);
                // Alice is on the roster before Bob logs in, so she is told of him with ADDUSER
                readUntil(aliceIn, SeaServerMessage.UserList.class);
                // Bob stays connected until his node dies: a DELETEUSER then can only come from the survivor
                try (Socket bob = login(seaPortB, "Bob")) {
                    int bobId = readUntil(new SeaServerReader(bob.getInputStream(), 0),
                            SeaServerMessage.UserList.class).selfId();
                    assertThat(readUntil(aliceIn, SeaServerMessage.AddUser.class).user().id()).isEqualTo(bobId);

                    b.destroyForcibly();
                    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();

                    long killed = System.nanoTime();
                    SeaServerMessage.DeleteUser gone = readUntil(aliceIn, SeaServerMessage.DeleteUser.class);
                    Duration after = Duration.ofNanos(System.nanoTime() - killed);
                    assertThat(gone.id()).isEqualTo(bobId);
                    // node timeout 3 s, one heartbeat to notice, the NodeGone's round trip; generous for a loaded machine
                    assertThat(after).isLessThan(Duration.ofSeconds(20));
                }
            }
        } finally {
            b.destroyForcibly();
        }
    }

    private static Socket login(int port, String name) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(SeaClientFrames.login(name.getBytes(StandardCharsets.ISO_8859_1), "PC".getBytes(StandardCharsets.ISO_8859_1)));
        out.flush();
        return socket;
    }

    private static <T extends SeaServerMessage> T readUntil(SeaServerReader in, Class<T> type) throws IOException {
        while (true) {
            SeaServerMessage m = in.next();
            assertThat(m).as("waiting for " + type.getSimpleName() + ": connection closed").isNotNull();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }
}
